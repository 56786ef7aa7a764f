// The largest hypervolume any k points of a two-objective minimisation front can have, for every k.

import { paretoFront } from './pareto-front.js';

/**
 * For k = 1..n, the largest hypervolume (against `reference`) of k points chosen from `points` (two objectives,
 * minimisation): element k-1 of the result. Only non-dominated distinct points can be in a best subset, so the
 * search runs over the front, sorted by the first objective, by dynamic programming on chains of chosen points
 * (O(k n^2)). The result has one entry per distinct front point.
 */
export function bestSubsetHypervolumes2d(points: readonly (readonly number[])[], reference: readonly [number, number]): number[] {
  const [rx, ry] = reference;
  const seen = new Set<string>();
  const front: [number, number][] = [];
  for (const point of paretoFront(points.filter((point) => (point[0] as number) < rx && (point[1] as number) < ry))) {
    if (point.length !== 2) throw new Error(`bestSubsetHypervolumes2d: points need 2 objectives, got ${point.length}`);
    const text = `${point[0]},${point[1]}`;
    if (seen.has(text)) continue;
    seen.add(text);
    front.push([point[0] as number, point[1] as number]);
  }
  front.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const n = front.length;
  if (n === 0) return [];
  // chain[j]: the largest area of `count` chosen points of which j is the first (leftmost).
  let chain = front.map(([x, y]) => (rx - x) * (ry - y));
  const answers = [Math.max(...chain)];
  for (let count = 2; count <= n; count += 1) {
    const next = new Array<number>(n).fill(Number.NEGATIVE_INFINITY);
    for (let j = 0; j < n; j += 1) {
      const [x, y] = front[j] as [number, number];
      for (let l = j + 1; l < n; l += 1) {
        const value = ((front[l] as [number, number])[0] - x) * (ry - y) + (chain[l] as number);
        if (value > (next[j] as number)) next[j] = value;
      }
    }
    chain = next;
    answers.push(Math.max(...chain));
  }
  return answers;
}

/** The fewest points of `points` whose hypervolume reaches `target` (null when even all of them fall short). */
export function fewestPointsForHypervolume2d(
  points: readonly (readonly number[])[],
  reference: readonly [number, number],
  target: number,
  tolerance = 1e-12,
): number | null {
  const index = bestSubsetHypervolumes2d(points, reference).findIndex((value) => value >= target - tolerance);
  return index < 0 ? null : index + 1;
}
