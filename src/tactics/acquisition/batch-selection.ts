// Picks a batch by greedy hypervolume improvement of optimistic predictions; each pick joins the front at its
// predicted mean before the next is chosen, so one batch spreads along the front instead of piling up.

import { paretoFrontIndices } from '../../indicators/index.js';
import { hypervolumeImprovements } from './hypervolume-improvement.js';

export interface BatchSelectionInput {
  /** Normalised, minimised objective vectors of the feasible observed points. */
  readonly observed: readonly (readonly number[])[];
  /** Normalised predicted means of the candidates. */
  readonly means: readonly (readonly number[])[];
  /** Normalised predicted standard deviations of the candidates (same shape). */
  readonly stds: readonly (readonly number[])[];
  /** Candidates predicted to violate a bound (excluded unless nothing else is left). */
  readonly infeasible?: readonly boolean[];
  readonly reference: readonly number[];
  readonly batchSize: number;
  /** Optimism: a candidate is scored at mean - kappa * std. */
  readonly kappa: number;
}

/** Indices into the candidates, in pick order. */
export function selectBatch(input: BatchSelectionInput): number[] {
  const count = input.means.length;
  const picked: number[] = [];
  const taken = new Uint8Array(count);
  const front: number[][] = paretoFrontIndices(input.observed.map((point) => [...point])).map((index) => [...(input.observed[index] as number[])]);
  const optimistic = input.means.map((mean, index) => mean.map((value, objective) => value - input.kappa * ((input.stds[index]?.[objective] as number) ?? 0)));
  while (picked.length < Math.min(input.batchSize, count)) {
    const gains = hypervolumeImprovements(front, optimistic, input.reference);
    let best = -1;
    let bestGain = 0;
    for (let index = 0; index < count; index += 1) {
      if (taken[index] === 1 || input.infeasible?.[index] === true) continue;
      const gain = gains[index] as number;
      if (gain > bestGain) {
        bestGain = gain;
        best = index;
      }
    }
    if (best < 0) best = closestToFront(front, optimistic, taken, input.infeasible);
    if (best < 0) break;
    picked.push(best);
    taken[best] = 1;
    front.push([...(input.means[best] as number[])]);
  }
  return picked;
}

/**
 * When no candidate is predicted to improve the front: the one that needs the smallest uniform shift to
 * become non-dominated (additive epsilon distance), feasible ones first.
 */
function closestToFront(
  front: readonly (readonly number[])[],
  points: readonly (readonly number[])[],
  taken: Uint8Array,
  infeasible: readonly boolean[] | undefined,
): number {
  let best = -1;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const feasibleOnly of [true, false]) {
    points.forEach((point, index) => {
      if (taken[index] === 1 || (feasibleOnly && infeasible?.[index] === true)) return;
      let distance = Number.POSITIVE_INFINITY;
      for (const member of front) {
        let shift = Number.NEGATIVE_INFINITY;
        member.forEach((value, objective) => {
          shift = Math.max(shift, (point[objective] as number) - value);
        });
        distance = Math.min(distance, shift);
      }
      if (front.length === 0) distance = 0;
      if (distance < bestDistance) {
        bestDistance = distance;
        best = index;
      }
    });
    if (best >= 0) return best;
  }
  return best;
}
