// Binary tournament selection: lower violation, then lower rank, then larger crowding distance wins.

import { badInput } from '../../core/errors.js';
import { shuffle, type Rng } from '../../core/rng.js';
import type { RankedIndividual, Selection } from './types.js';

/**
 * Each parent is the winner of a tournament between two individuals. Competitors are drawn from shuffled
 * permutations of the pool, so every individual enters about equally many tournaments.
 */
export class BinaryTournamentSelection implements Selection {
  select(rng: Rng, pool: readonly RankedIndividual[], count: number): number[] {
    if (!Number.isInteger(count) || count < 0) throw badInput('count', `must be an integer >= 0, got ${count}`);
    if (count === 0) return [];
    if (pool.length === 0) throw badInput('pool', 'cannot select parents from an empty population');
    const competitors = permutations(rng, pool.length, 2 * count);
    const winners = new Array<number>(count);
    for (let index = 0; index < count; index += 1) {
      const left = competitors[2 * index] as number;
      const right = competitors[2 * index + 1] as number;
      const verdict = compareForTournament(pool[left] as RankedIndividual, pool[right] as RankedIndividual);
      if (verdict < 0) winners[index] = left;
      else if (verdict > 0) winners[index] = right;
      else winners[index] = rng.next() < 0.5 ? left : right;
    }
    return winners;
  }
}

/**
 * Negative when `left` wins, positive when `right` wins, 0 for a tie. Feasibility first (Deb's rule: a
 * feasible individual beats an infeasible one, and of two infeasible ones the smaller violation wins).
 */
export function compareForTournament(left: RankedIndividual, right: RankedIndividual): number {
  if (left.violation !== right.violation && (left.violation > 0 || right.violation > 0)) {
    return left.violation < right.violation ? -1 : 1;
  }
  if (left.rank !== right.rank) return left.rank < right.rank ? -1 : 1;
  if (left.crowding !== right.crowding) return left.crowding > right.crowding ? -1 : 1;
  return 0;
}

/** `length` indices made of concatenated random permutations of [0, size). */
function permutations(rng: Rng, size: number, length: number): number[] {
  const result = new Array<number>(length);
  const permutation = Array.from({ length: size }, (_, index) => index);
  for (let filled = 0; filled < length; ) {
    shuffle(permutation, rng);
    for (let index = 0; index < size && filled < length; index += 1) result[filled++] = permutation[index] as number;
  }
  return result;
}
