// U-NSGA-III's niching-based tournament (Seada & Deb 2016): competitors of the same niche compete, others by chance.

import { badInput } from '../../core/errors.js';
import { shuffle, type Rng } from '../../core/rng.js';
import type { RankedIndividual, Selection } from '../operators/types.js';
import { isNiched } from './nsga3-survival.js';

/**
 * Binary tournaments between members drawn from shuffled permutations of the population (each enters
 * about equally often). A feasible member beats an infeasible one and, of two infeasible ones, the smaller
 * violation wins. Two feasible members of the same niche: the lower rank wins, then the smaller distance to
 * the reference direction. Members of different niches, or equal on every count: a random one.
 */
export class NichingTournamentSelection implements Selection {
  select(rng: Rng, pool: readonly RankedIndividual[], count: number): number[] {
    if (!Number.isInteger(count) || count < 0) throw badInput('count', `must be an integer >= 0, got ${count}`);
    if (count === 0) return [];
    if (pool.length === 0) throw badInput('pool', 'cannot select parents from an empty population');
    const competitors: number[] = [];
    const permutation = Array.from({ length: pool.length }, (_, index) => index);
    while (competitors.length < 2 * count) {
      shuffle(permutation, rng);
      for (const index of permutation) if (competitors.length < 2 * count) competitors.push(index);
    }
    const winners: number[] = [];
    for (let index = 0; index < count; index += 1) {
      const left = competitors[2 * index] as number;
      const right = competitors[2 * index + 1] as number;
      const verdict = compareByNiche(pool[left] as RankedIndividual, pool[right] as RankedIndividual);
      if (verdict < 0) winners.push(left);
      else if (verdict > 0) winners.push(right);
      else winners.push(rng.next() < 0.5 ? left : right);
    }
    return winners;
  }
}

/** Negative when `left` wins, positive when `right` wins, 0 when chance decides. */
export function compareByNiche(left: RankedIndividual, right: RankedIndividual): number {
  if (left.violation > 0 || right.violation > 0) {
    if (left.violation === right.violation) return 0;
    return left.violation < right.violation ? -1 : 1;
  }
  if (!isNiched(left) || !isNiched(right) || left.niche !== right.niche) return 0;
  if (left.rank !== right.rank) return left.rank < right.rank ? -1 : 1;
  if (left.nicheDistance !== right.nicheDistance) return left.nicheDistance < right.nicheDistance ? -1 : 1;
  return 0;
}
