// Crossover of choice-index genomes: uniform (gene by gene) and two-point (one contiguous segment swapped).

import { badInput } from '../../core/errors.js';
import type { Rng } from '../../core/rng.js';
import type { Genome, SearchSpace } from '../../space/types.js';
import type { Crossover } from './types.js';

export interface CrossoverOptions {
  /** Chance that a pair is recombined at all; otherwise the children are copies of the parents (default 0.9). */
  readonly probability?: number;
}

export interface UniformCrossoverOptions extends CrossoverOptions {
  /** Chance that each gene is swapped between the children (default 0.5). */
  readonly swapProbability?: number;
}

function checkProbability(field: string, value: number): number {
  if (!(value >= 0 && value <= 1)) throw badInput(field, `must be a probability in [0, 1], got ${value}`);
  return value;
}

function checkParents(first: Genome, second: Genome): void {
  if (first.length !== second.length) {
    throw badInput('parents', `parents have ${first.length} and ${second.length} genes`, 'mate genomes of the same space');
  }
}

/** Each gene goes to either child with equal chance; children are canonicalised (a swap can change which genes are active). */
export class UniformCrossover implements Crossover {
  readonly probability: number;
  readonly swapProbability: number;

  constructor(options: UniformCrossoverOptions = {}) {
    this.probability = checkProbability('probability', options.probability ?? 0.9);
    this.swapProbability = checkProbability('swapProbability', options.swapProbability ?? 0.5);
  }

  cross(space: SearchSpace, rng: Rng, first: Genome, second: Genome): [Genome, Genome] {
    checkParents(first, second);
    if (rng.next() >= this.probability) return [first, second];
    const childA = first.slice();
    const childB = second.slice();
    // A fair coin per gene is one bit: one draw then serves 32 genes.
    const fair = this.swapProbability === 0.5;
    let bits = 0;
    for (let gene = 0; gene < childA.length; gene += 1) {
      let swap: boolean;
      if (fair) {
        if (gene % 32 === 0) bits = Math.floor(rng.next() * 4294967296);
        swap = (bits & 1) === 1;
        bits >>>= 1;
      } else {
        swap = rng.next() < this.swapProbability;
      }
      if (swap) {
        childA[gene] = second[gene] as number;
        childB[gene] = first[gene] as number;
      }
    }
    return [space.canonicalize(childA), space.canonicalize(childB)];
  }
}

/** Swaps the genes between two random cut points, which keeps neighbouring genes (a block's settings) together. */
export class TwoPointCrossover implements Crossover {
  readonly probability: number;

  constructor(options: CrossoverOptions = {}) {
    this.probability = checkProbability('probability', options.probability ?? 0.9);
  }

  cross(space: SearchSpace, rng: Rng, first: Genome, second: Genome): [Genome, Genome] {
    checkParents(first, second);
    if (rng.next() >= this.probability || first.length < 2) return [first, second];
    // Cut points 0 <= start < end <= length; the swapped segment is [start, end).
    let start = rng.int(first.length + 1);
    let end = rng.int(first.length);
    if (end >= start) end += 1;
    else [start, end] = [end, start];
    const childA = first.slice();
    const childB = second.slice();
    for (let gene = start; gene < end; gene += 1) {
      childA[gene] = second[gene] as number;
      childB[gene] = first[gene] as number;
    }
    return [space.canonicalize(childA), space.canonicalize(childB)];
  }
}
