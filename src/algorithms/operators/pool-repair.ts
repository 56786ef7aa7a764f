// Repair into a finite pool: any genome becomes the nearest pool member not yet asked.

import type { Rng } from '../../core/rng.js';
import type { Genome, SearchSpace } from '../../space/types.js';
import { fillDistanceCodes, type CandidatePool } from './candidate-pool.js';
import { checkSameSpace } from './pool-sampling.js';
import type { Candidate, Repair } from './types.js';

/**
 * A genome that is an available pool member is kept. Otherwise the result is the available member at the
 * smallest Hamming distance over active genes (a gene counts once when its choice differs or when it is
 * active in one genome and not the other: half the L1 distance of one-hot features of active genes). Ties
 * are broken uniformly with the seeded rng, so early pool rows are not favoured. Null once every member is
 * excluded.
 */
export class NearestPoolRepair implements Repair {
  readonly pool: CandidatePool;
  private readonly queryCodes: Uint16Array;

  constructor(pool: CandidatePool) {
    this.pool = pool;
    this.queryCodes = new Uint16Array(pool.space.geneCount);
  }

  repair(space: SearchSpace, rng: Rng, genome: Genome, against: readonly ReadonlySet<string>[]): Candidate | null {
    checkSameSpace(this.pool, space);
    const excluded = (key: string): boolean => against.some((keys) => keys.has(key));
    const members = this.pool.members;
    const own = this.pool.positionOf(space.key(genome));
    if (own !== -1 && !excluded((members[own] as Candidate).key)) return members[own] as Candidate;

    const geneCount = space.geneCount;
    const codes = this.pool.distanceCodes;
    const query = this.queryCodes;
    fillDistanceCodes(space, genome, query, 0);
    let best = Number.POSITIVE_INFINITY;
    let chosen = -1;
    let ties = 0;
    for (let member = 0, offset = 0; member < members.length; member += 1, offset += geneCount) {
      let distance = 0;
      // Stop counting once the member is already farther than the best found.
      for (let gene = 0; gene < geneCount && distance <= best; gene += 1) {
        if (codes[offset + gene] !== query[gene]) distance += 1;
      }
      if (distance > best) continue;
      // Exclusion is looked up only for members that could win: most are rejected by distance first.
      if (excluded((members[member] as Candidate).key)) continue;
      if (distance < best) {
        best = distance;
        chosen = member;
        ties = 1;
      } else {
        // Reservoir choice: each of the equally near members is kept with equal probability.
        ties += 1;
        if (rng.int(ties) === 0) chosen = member;
      }
    }
    return chosen === -1 ? null : (members[chosen] as Candidate);
  }
}
