// Where along a two-objective front a set falls short of another: the hypervolume it lacks, per bin of one objective.

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
  const own = staircase(points);
  const target = staircase(reference);
  const cuts = new Set<number>([0, upto]);
  for (const point of [...own, ...target]) if ((point[1] as number) > 0 && (point[1] as number) < upto) cuts.add(point[1] as number);
  for (let bin = 1; bin < bins; bin += 1) cuts.add((upto * bin) / bins);
  const edges = [...cuts].sort((a, b) => a - b);
  const result = new Array<number>(bins).fill(0);
  for (let index = 0; index + 1 < edges.length; index += 1) {
    const from = edges[index] as number;
    const to = edges[index + 1] as number;
    // Both staircases are constant on [from, to): their value at the left edge holds throughout.
    const gap = Math.max(0, bestAt(own, from) - bestAt(target, from));
    const bin = Math.min(bins - 1, Math.floor((from / upto) * bins + 1e-9));
    result[bin] = (result[bin] as number) + gap * (to - from);
  }
  return result;
}

/** The points of a 2-D minimisation set that improve the first objective, by ascending second objective. */
function staircase(points: readonly (readonly number[])[]): (readonly number[])[] {
  const sorted = [...points].sort((a, b) => (a[1] as number) - (b[1] as number) || (a[0] as number) - (b[0] as number));
  const steps: (readonly number[])[] = [];
  for (const point of sorted) if (steps.length === 0 || (point[0] as number) < ((steps[steps.length - 1] as readonly number[])[0] as number)) steps.push(point);
  return steps;
}

/** The best first objective among the steps no larger than t in the second (1, the reference point's, when none). */
function bestAt(steps: readonly (readonly number[])[], t: number): number {
  let best = 1;
  for (const point of steps) {
    if ((point[1] as number) > t) break;
    best = Math.min(best, point[0] as number);
  }
  return best;
}
