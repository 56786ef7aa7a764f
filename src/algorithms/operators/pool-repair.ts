// Repair into a finite pool: any genome becomes the nearest pool member not yet asked.

import type { Rng } from '../../core/rng.js';
import type { Genome, SearchSpace } from '../../space/types.js';
import { bitCount, differingFields, fillDistanceCodes, packCodes, type CandidatePool } from './candidate-pool.js';
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
  private readonly queryPacked: Int32Array;

  constructor(pool: CandidatePool) {
    this.pool = pool;
    this.queryCodes = new Uint16Array(pool.space.geneCount);
    this.queryPacked = new Int32Array(pool.packing.wordsPerGenome);
  }

  repair(space: SearchSpace, rng: Rng, genome: Genome, against: readonly ReadonlySet<string>[]): Candidate | null {
    checkSameSpace(this.pool, space);
    const excluded = (key: string): boolean => against.some((keys) => keys.has(key));
    const members = this.pool.members;
    const own = this.pool.positionOf(space.key(genome));
    if (own !== -1 && !excluded((members[own] as Candidate).key)) return members[own] as Candidate;

    const packing = this.pool.packing;
    const words = packing.wordsPerGenome;
    const packed = this.pool.packedCodes;
    const query = this.queryPacked;
    fillDistanceCodes(space, genome, this.queryCodes, 0);
    packCodes(packing, this.queryCodes, 0, query, 0);
    const wideFields = packing.fieldBits > 4;
    const lowBits = packing.lowBits;
    let best = Number.POSITIVE_INFINITY;
    let chosen = -1;
    let ties = 0;
    for (let member = 0, offset = 0; member < members.length; member += 1, offset += words) {
      let distance = 0;
      for (let word = 0; word < words && distance <= best; word += 1) {
        // The common 4-bit case is folded inline (the hot loop); wider fields use the general helper.
        if (wideFields) {
          distance += differingFields(packing, packed[offset + word] as number, query[word] as number);
          continue;
        }
        let folded = (packed[offset + word] as number) ^ (query[word] as number);
        folded |= folded >>> 1;
        folded |= folded >>> 2;
        distance += bitCount(folded & lowBits);
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
