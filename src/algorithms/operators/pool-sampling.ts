// Sampling restricted to a finite pool: uniform over the members not yet excluded.

import { badInput } from '../../core/errors.js';
import type { Rng } from '../../core/rng.js';
import type { SearchSpace } from '../../space/types.js';
import type { CandidatePool } from './candidate-pool.js';
import type { Candidate, Sampling } from './types.js';

/**
 * Draws `count` distinct pool members uniformly among those whose key is not excluded, in random order;
 * fewer (down to none) once the pool is nearly (or wholly) used up.
 */
export class PoolSampling implements Sampling {
  readonly pool: CandidatePool;

  constructor(pool: CandidatePool) {
    this.pool = pool;
  }

  sample(space: SearchSpace, rng: Rng, count: number, exclude: ReadonlySet<string>): Candidate[] {
    if (!Number.isInteger(count) || count < 0) throw badInput('count', `must be an integer >= 0, got ${count}`);
    checkSameSpace(this.pool, space);
    if (count === 0) return [];
    const fresh: Candidate[] = [];
    for (const member of this.pool.members) if (!exclude.has(member.key)) fresh.push(member);
    // Partial Fisher-Yates: a uniform random subset of the members still new, in random order.
    const wanted = Math.min(count, fresh.length);
    for (let index = 0; index < wanted; index += 1) {
      const pick = index + rng.int(fresh.length - index);
      const chosen = fresh[pick] as Candidate;
      fresh[pick] = fresh[index] as Candidate;
      fresh[index] = chosen;
    }
    fresh.length = wanted;
    return fresh;
  }
}

/** Keys are only comparable within one space: a pool built for another space is a wiring bug. */
export function checkSameSpace(pool: CandidatePool, space: SearchSpace): void {
  if (pool.space !== space) {
    throw badInput('pool', `the pool was built for space "${pool.space.name}", not "${space.name}"`, 'build the pool with the search space itself');
  }
}
