// NSGA-II survival: whole fronts of the constrained non-dominated sort, then the least crowded of the last front.

import { badInput } from '../../core/errors.js';
import { crowdingDistance, nonDominatedSortConstrained } from '../../indicators/index.js';
import type { Individual } from '../types.js';
import type { RankedIndividual, Survival } from './types.js';

/**
 * Keeps fronts in order of rank (feasible before infeasible, infeasible by violation) while they fit, and
 * fills the rest from the next front by decreasing crowding distance, which favours spread along the front.
 * Ties keep the input order, so the result is a pure function of the ordered input.
 */
export class RankAndCrowdingSurvival implements Survival {
  survive(candidates: readonly Individual[], count: number): RankedIndividual[] {
    if (!Number.isInteger(count) || count < 0) throw badInput('count', `must be an integer >= 0, got ${count}`);
    const objectives = candidates.map((candidate) => candidate.objectives);
    const violations = candidates.map((candidate) => candidate.violation);
    const fronts = nonDominatedSortConstrained(objectives, violations);
    const survivors: RankedIndividual[] = [];
    for (let rank = 0; rank < fronts.length && survivors.length < count; rank += 1) {
      const front = fronts[rank] as number[];
      // Only the front's own points: the indicator checks every point it is given, and front order is ascending,
      // so its index tie-breaks still follow the input order.
      const frontPoints = front.map((index) => objectives[index] as readonly number[]);
      const crowding = crowdingDistance(frontPoints, frontPoints.map((_, position) => position));
      let order = front.map((_, position) => position);
      if (survivors.length + front.length > count) {
        // Stable sort: equal distances keep the input order.
        order = order.sort((left, right) => byCrowdingDescending(crowding[left] as number, crowding[right] as number));
        order.length = count - survivors.length;
      }
      for (const position of order) {
        const { genome, key, objectives: values, violation } = candidates[front[position] as number] as Individual;
        survivors.push({ genome, key, objectives: values, violation, rank, crowding: crowding[position] as number });
      }
    }
    return survivors;
  }
}

function byCrowdingDescending(left: number, right: number): number {
  if (left === right) return 0;
  return left > right ? -1 : 1;
}
