// Expected hypervolume improvement of a two-objective candidate whose outcome is its predicted mean plus a
// residual like the ones the model makes on architectures it has not seen.
//
// Where measurements are noisy (two architectures that compute the same thing differ by training noise in
// accuracy and by timing noise in latency), the true front's members are lucky draws that no model can
// predict; what a model can say is how far off it tends to be. The residuals are its out-of-fold errors on
// the validated architectures whose out-of-fold prediction was closest to the candidate's (errors near a
// fast, accurate prediction are not those near a slow one), and every pairing of an error residual with a
// latency residual is one equally likely outcome.

import { pointImprovement, sortedFront, type SortedFront } from './hypervolume-improvement.js';

/** Out-of-fold predictions of one model with its residuals (observed - predicted), sorted by prediction. */
export interface ResidualSample {
  readonly predicted: Float64Array;
  readonly residuals: Float64Array;
}

/** The residuals of out-of-fold predictions against the observed targets, ordered by prediction. */
export function residualSample(outOfFold: ArrayLike<number>, observed: ArrayLike<number>): ResidualSample {
  if (outOfFold.length !== observed.length) throw new RangeError(`residualSample: ${outOfFold.length} predictions for ${observed.length} targets`);
  const order = Array.from({ length: outOfFold.length }, (_, index) => index).sort(
    (a, b) => (outOfFold[a] as number) - (outOfFold[b] as number) || a - b,
  );
  return {
    predicted: Float64Array.from(order, (index) => outOfFold[index] as number),
    residuals: Float64Array.from(order, (index) => (observed[index] as number) - (outOfFold[index] as number)),
  };
}

/**
 * The residuals of the `count` rows whose prediction is nearest `value` (all rows when there are fewer), in
 * ascending order: a window of consecutive rows of the sorted sample, grown one row at a time towards the
 * nearer side.
 */
export function nearestResiduals(sample: ResidualSample, value: number, count: number): Float64Array {
  const { predicted, residuals } = sample;
  const size = predicted.length;
  if (size <= count) return residuals.slice().sort();
  let low = 0;
  let high = size;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((predicted[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  // Window [left, right): starts empty at the insertion point.
  let left = low;
  let right = low;
  while (right - left < count) {
    if (left === 0) right += 1;
    else if (right === size) left -= 1;
    else if (value - (predicted[left - 1] as number) <= (predicted[right] as number) - value) left -= 1;
    else right += 1;
  }
  return residuals.slice(left, right).sort();
}

/**
 * Mean improvement over every outcome (mean + residual of x, mean + residual of y), all pairings. Residuals must
 * be in ascending order: the improvement only shrinks as either coordinate grows, so the scan of a row stops at
 * its first zero and the whole scan at a row whose best outcome is zero.
 */
export function expectedImprovement(
  front: SortedFront,
  mean: readonly [number, number],
  residualsX: Float64Array,
  residualsY: Float64Array,
  reference: readonly [number, number],
): number {
  let total = 0;
  for (let i = 0; i < residualsX.length; i += 1) {
    const px = mean[0] + (residualsX[i] as number);
    let rowTotal = 0;
    for (let j = 0; j < residualsY.length; j += 1) {
      const gain = pointImprovement(front, px, mean[1] + (residualsY[j] as number), reference);
      if (gain <= 0) break;
      rowTotal += gain;
    }
    if (rowTotal <= 0) break;
    total += rowTotal;
  }
  return total / (residualsX.length * residualsY.length);
}

export interface NoisyHviInput {
  /** Observed feasible points (minimisation, already scaled). */
  readonly observed: readonly (readonly number[])[];
  /** Predicted means of the candidates (same scale). */
  readonly means: readonly (readonly number[])[];
  /** Per objective, the residuals that may be added to each candidate's mean (same scale): candidate -> sample. */
  readonly residuals: readonly [(candidate: number) => Float64Array, (candidate: number) => Float64Array];
  readonly reference: readonly [number, number];
  readonly batchSize: number;
}

/**
 * Indices of candidates in pick order by greedy expected improvement: each pick joins the front at its
 * predicted mean before the next is scored. Stops early when no candidate can improve the front at all
 * (not even with its most favourable residuals). Residual samples must be in ascending order.
 */
export function noisyHviPicks(input: NoisyHviInput): number[] {
  const { means, reference } = input;
  const front = input.observed.map((point) => [...point]);
  let current = sortedFront(front, reference);
  const gainOf = (candidate: Scored): number => {
    const mean = means[candidate.index] as readonly number[];
    return expectedImprovement(current, [mean[0] as number, mean[1] as number], candidate.rx, candidate.ry, reference);
  };
  const scored: Scored[] = [];
  means.forEach((_, index) => {
    const candidate = { index, rx: input.residuals[0](index), ry: input.residuals[1](index), gain: 0 };
    candidate.gain = gainOf(candidate);
    if (candidate.gain > 0) scored.push(candidate);
  });
  // Lazy greedy: a gain can only shrink as the front grows, so a stale gain bounds the fresh one and only the
  // candidate on top needs rescoring; it is taken once its fresh gain still beats every other bound.
  scored.sort(byGain);
  const picks: number[] = [];
  while (picks.length < input.batchSize && scored.length > 0) {
    const top = scored[0] as Scored;
    const fresh = gainOf(top);
    const next = scored[1];
    if (next === undefined || fresh > next.gain || (fresh === next.gain && top.index < next.index)) {
      scored.shift();
      if (fresh <= 0) break;
      picks.push(top.index);
      front.push([...(means[top.index] as readonly number[])]);
      current = sortedFront(front, reference);
      continue;
    }
    scored.shift();
    if (fresh <= 0) continue;
    top.gain = fresh;
    let low = 0;
    let high = scored.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (byGain(scored[middle] as Scored, top) < 0) low = middle + 1;
      else high = middle;
    }
    scored.splice(low, 0, top);
  }
  return picks;
}

interface Scored {
  readonly index: number;
  readonly rx: Float64Array;
  readonly ry: Float64Array;
  gain: number;
}

/** Larger gain first, lower index first among equal gains. */
function byGain(a: Scored, b: Scored): number {
  return b.gain - a.gain || a.index - b.index;
}
