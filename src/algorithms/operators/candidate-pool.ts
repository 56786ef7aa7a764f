// A finite list of allowed candidates (pre-measured models) with the lookup tables pool-aware parts share.

import { CarveError, badInput, isCarveError } from '../../core/errors.js';
import type { Genome, SearchSpace } from '../../space/types.js';
import type { Candidate } from './types.js';

/**
 * The distinct canonical members of a pool, in the order first given. Besides key lookup it holds one
 * distance code per member and gene (0 = gene inactive, else choice index + 1), laid out row by row, so
 * nearest-member searches scan one flat typed array instead of genome objects.
 */
export class CandidatePool {
  readonly space: SearchSpace;
  readonly members: readonly Candidate[];
  readonly size: number;
  /** Member m, gene g is at `m * space.geneCount + g`. */
  readonly distanceCodes: Uint16Array;
  /** How many given genomes repeated an earlier member (same canonical key) and were left out. */
  readonly repeatedCount: number;
  private readonly positionByKey: Map<string, number>;

  constructor(space: SearchSpace, genomes: readonly Genome[]) {
    if (genomes.length === 0) throw badInput('pool', 'is empty', 'give at least one genome of the space');
    if (space.choiceCounts.some((count) => count >= 0xffff)) {
      throw badInput('pool', `space "${space.name}" has a gene with more than 65534 choices`, 'use a space with fewer choices per gene');
    }
    const members: Candidate[] = [];
    const positionByKey = new Map<string, number>();
    for (const [index, raw] of genomes.entries()) {
      try {
        space.validate(raw);
      } catch (error) {
        const reason = isCarveError(error) ? `: ${error.describe()}` : '';
        throw new CarveError('BAD_INPUT', `pool member ${index} is not a genome of space "${space.name}"${reason}`, {
          field: 'pool',
          hint: 'build the pool genomes with the same space as the search',
          cause: error,
        });
      }
      const genome = Object.freeze(space.canonicalize(raw));
      const key = space.key(genome);
      if (positionByKey.has(key)) continue;
      positionByKey.set(key, members.length);
      members.push({ genome, key });
    }
    const geneCount = space.geneCount;
    const distanceCodes = new Uint16Array(members.length * geneCount);
    members.forEach((member, position) => fillDistanceCodes(space, member.genome, distanceCodes, position * geneCount));
    this.space = space;
    this.members = Object.freeze(members);
    this.size = members.length;
    this.distanceCodes = distanceCodes;
    this.repeatedCount = genomes.length - members.length;
    this.positionByKey = positionByKey;
  }

  has(key: string): boolean {
    return this.positionByKey.has(key);
  }

  /** Position of a member by key; -1 when the key is not in the pool. */
  positionOf(key: string): number {
    return this.positionByKey.get(key) ?? -1;
  }
}

/** Writes a genome's distance codes (0 inactive, else choice + 1) into `target` from `offset`. */
export function fillDistanceCodes(space: SearchSpace, genome: Genome, target: Uint16Array, offset: number): void {
  const active = space.activeMask(genome);
  for (let gene = 0; gene < space.geneCount; gene += 1) {
    target[offset + gene] = active[gene] === true ? (genome[gene] as number) + 1 : 0;
  }
}
