// Hypervolume improvement of candidate points over a front (minimisation): the gain each would bring alone.

import { hypervolume } from '../../indicators/index.js';

/**
 * HVI(p) = HV(front ∪ {p}) - HV(front) against `reference`, for every candidate. Exact. In 2-D each candidate
 * costs O(|front|) (the front is sorted once); in more dimensions one hypervolume of the clipped front.
 */
export function hypervolumeImprovements(
  front: readonly (readonly number[])[],
  candidates: readonly (readonly number[])[],
  reference: readonly number[],
): Float64Array {
  const gains = new Float64Array(candidates.length);
  const dims = reference.length;
  const inside = front.filter((point) => point.every((value, i) => value < (reference[i] as number)));
  if (dims === 2) {
    const reference2d = reference as readonly [number, number];
    const sorted = sortedFront(inside, reference2d);
    candidates.forEach((candidate, index) => {
      gains[index] = pointImprovement(sorted, candidate[0] as number, candidate[1] as number, reference2d);
    });
    return gains;
  }
  candidates.forEach((candidate, index) => {
    if (candidate.some((value, i) => value >= (reference[i] as number))) return;
    if (inside.some((point) => point.every((value, i) => value <= (candidate[i] as number)))) return;
    const box = reference.reduce((product, value, i) => product * (value - (candidate[i] as number)), 1);
    const clipped = inside.map((point) => point.map((value, i) => Math.max(value, candidate[i] as number)));
    gains[index] = Math.max(0, box - (clipped.length === 0 ? 0 : hypervolume(clipped, reference)));
  });
  return gains;
}

/** A 2-D front (minimisation) sorted by the first objective, clipped to the reference. */
export interface SortedFront {
  readonly xs: Float64Array;
  readonly ys: Float64Array;
}

/** The non-dominated points of `points` inside the reference box, sorted by the first objective. */
export function sortedFront(points: readonly (readonly number[])[], reference: readonly [number, number]): SortedFront {
  const inside = points
    .filter((point) => (point[0] as number) < reference[0] && (point[1] as number) < reference[1])
    .map((point) => [point[0] as number, point[1] as number] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const xs: number[] = [];
  const ys: number[] = [];
  let bestY = Number.POSITIVE_INFINITY;
  for (const [x, y] of inside) {
    if (y < bestY) {
      xs.push(x);
      ys.push(y);
      bestY = y;
    }
  }
  return { xs: Float64Array.from(xs), ys: Float64Array.from(ys) };
}

/** HV(front + p) - HV(front) against the reference, for one point p = (px, py). */
export function pointImprovement(front: SortedFront, px: number, py: number, reference: readonly [number, number]): number {
  const [rx, ry] = reference;
  if (px >= rx || py >= ry) return 0;
  const { xs, ys } = front;
  // The part of p's box the front covers: a staircase of the points clipped to p's box.
  let covered = 0;
  let bestY = ry;
  for (let i = 0; i < xs.length; i += 1) {
    const x = Math.max(xs[i] as number, px);
    if (x >= rx) break;
    const y = Math.max(ys[i] as number, py);
    if (y < bestY) {
      covered += (rx - x) * (bestY - y);
      bestY = y;
    }
  }
  return Math.max(0, (rx - px) * (ry - py) - covered);
}
