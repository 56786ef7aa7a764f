// Where along a two-objective front a set falls short of another: the hypervolume it lacks, per bin of one objective.

import { paretoFront } from './pareto-front.js';

/**
 * The hypervolume (minimisation, reference point (1, 1) in normalised space) that `points` lack against
 * `reference` (e.g. a true front), split into `bins` equal bins of the second objective over [0, upto]. At each
 * value t of the second objective, the region a set dominates holds the first-objective values from the best
 * among its points no larger than t in the second objective up to 1; the shortfall at t is how much higher the
 * set's best is than the reference's (0 where it is not), and each bin integrates it over its span. With
 * upto = 1 and `points` dominated by `reference`, the bins add up to HV(reference) - HV(points).
 */
export function shortfallBySecondObjective(
  points: readonly (readonly number[])[],
  reference: readonly (readonly number[])[],
  bins: number,
  upto = 1,
): number[] {
  if (!Number.isInteger(bins) || bins < 1) throw new Error(`bins must be a whole number >= 1, got ${bins}`);
  if (!(upto > 0 && upto <= 1)) throw new Error(`upto must be in (0, 1], got ${upto}`);
  const own = steps(points, 'points');
  const target = steps(reference, 'reference');
  const cuts = new Set<number>([0, upto]);
  for (const [, second] of [...own, ...target]) if (second > 0 && second < upto) cuts.add(second);
  for (let bin = 1; bin < bins; bin += 1) cuts.add((upto * bin) / bins);
  const edges = [...cuts].sort((a, b) => a - b);
  const result = new Array<number>(bins).fill(0);
  // One sweep over the edges: each set's best first objective among its points no larger than the edge in the
  // second (1, the reference point's, before its first point). Both are constant on [edge, next edge).
  let ownAt = 0;
  let targetAt = 0;
  let ownBest = 1;
  let targetBest = 1;
  for (let index = 0; index + 1 < edges.length; index += 1) {
    const from = edges[index] as number;
    for (; ownAt < own.length && (own[ownAt] as [number, number])[1] <= from; ownAt += 1) ownBest = Math.min(ownBest, (own[ownAt] as [number, number])[0]);
    for (; targetAt < target.length && (target[targetAt] as [number, number])[1] <= from; targetAt += 1) {
      targetBest = Math.min(targetBest, (target[targetAt] as [number, number])[0]);
    }
    const bin = Math.min(bins - 1, Math.floor((from / upto) * bins + 1e-9));
    result[bin] = (result[bin] as number) + Math.max(0, ownBest - targetBest) * ((edges[index + 1] as number) - from);
  }
  return result;
}

/** The non-dominated points of a two-objective set (validated by paretoFront), by ascending second objective. */
function steps(points: readonly (readonly number[])[], field: string): [number, number][] {
  const front = paretoFront(points as number[][]);
  if (front.some((point) => point.length !== 2)) throw new Error(`${field}: shortfallBySecondObjective needs two objectives per point`);
  return front.map((point) => [point[0] as number, point[1] as number] as [number, number]).sort((a, b) => a[1] - b[1] || a[0] - b[0]);
}
