// A finite list of allowed candidates (pre-measured models) with the lookup tables pool-aware parts share.

import { CarveError, badInput, isCarveError } from '../../core/errors.js';
import type { Genome, SearchSpace } from '../../space/types.js';
import type { Candidate } from './types.js';

/**
 * The distinct canonical members of a pool, in the order first given. Besides key lookup it holds, for
 * nearest-member searches, one distance code per member and gene (0 = gene inactive, else choice index + 1),
 * also packed several genes to a 32-bit word, so a distance takes a few XORs and bit counts per member.
 */
export class CandidatePool {
  readonly space: SearchSpace;
  readonly members: readonly Candidate[];
  readonly size: number;
  /** Member m, gene g is at `m * space.geneCount + g`. */
  readonly distanceCodes: Uint16Array;
  /** The distance codes packed: `packing.wordsPerGenome` words per member, member m from `m * wordsPerGenome`. */
  readonly packedCodes: Int32Array;
  readonly packing: CodePacking;
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
    const packing = codePackingOf(space);
    const packedCodes = new Int32Array(members.length * packing.wordsPerGenome);
    for (let position = 0; position < members.length; position += 1) {
      packCodes(packing, distanceCodes, position * geneCount, packedCodes, position * packing.wordsPerGenome);
    }
    this.packedCodes = packedCodes;
    this.packing = packing;
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

/** How distance codes are packed: fixed-width fields, as many as fit in a 32-bit word. */
export interface CodePacking {
  readonly geneCount: number;
  /** Bits per gene field: 4, 8 or 16 (the smallest holding the largest code). */
  readonly fieldBits: number;
  readonly fieldsPerWord: number;
  readonly wordsPerGenome: number;
  /** The lowest bit of every field of a word. */
  readonly lowBits: number;
}

function codePackingOf(space: SearchSpace): CodePacking {
  const largestCode = Math.max(0, ...space.choiceCounts);
  const fieldBits = largestCode < 16 ? 4 : largestCode < 256 ? 8 : 16;
  const fieldsPerWord = 32 / fieldBits;
  let lowBits = 0;
  for (let field = 0; field < fieldsPerWord; field += 1) lowBits |= 1 << (field * fieldBits);
  return { geneCount: space.geneCount, fieldBits, fieldsPerWord, wordsPerGenome: Math.max(1, Math.ceil(space.geneCount / fieldsPerWord)), lowBits };
}

/** Packs one genome's distance codes (from `codes[offset]`) into `target` from `targetOffset`. */
export function packCodes(packing: CodePacking, codes: Uint16Array, offset: number, target: Int32Array, targetOffset: number): void {
  target.fill(0, targetOffset, targetOffset + packing.wordsPerGenome);
  for (let gene = 0; gene < packing.geneCount; gene += 1) {
    const word = targetOffset + Math.floor(gene / packing.fieldsPerWord);
    target[word] = (target[word] as number) | ((codes[offset + gene] as number) << ((gene % packing.fieldsPerWord) * packing.fieldBits));
  }
}

/** Number of fields that differ between two packed words. */
export function differingFields(packing: CodePacking, left: number, right: number): number {
  let folded = left ^ right;
  // Fold every field's bits onto its lowest bit (fields are 4, 8 or 16 bits wide), then count those bits.
  folded |= folded >>> 1;
  folded |= folded >>> 2;
  if (packing.fieldBits > 4) folded |= folded >>> 4;
  if (packing.fieldBits > 8) folded |= folded >>> 8;
  return bitCount(folded & packing.lowBits);
}

/** Number of set bits of a 32-bit word. */
export function bitCount(word: number): number {
  let value = word - ((word >>> 1) & 0x55555555);
  value = (value & 0x33333333) + ((value >>> 2) & 0x33333333);
  return (Math.imul((value + (value >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}
