// Random sampling of new canonical genomes, never returning a key it was told to exclude.

import { badInput, isCarveError } from '../../core/errors.js';
import type { Rng } from '../../core/rng.js';
import { enumerateGenomes, type SearchSpace } from '../../space/index.js';
import type { Candidate, Sampling } from './types.js';

export interface RandomSamplingOptions {
  /** Random draws allowed per requested genome before falling back to enumeration (default 20). */
  readonly attemptsPerGenome?: number;
  /** Spaces with at most this many canonical genomes may be enumerated (default 65536). */
  readonly enumerationLimit?: number;
}

interface SpaceFacts {
  /** Undefined when the space refuses to count itself (conditions too intertwined): then it is taken as huge. */
  readonly cardinality: bigint | undefined;
  /** Every canonical genome in enumeration order; built on first need, empty for large spaces. */
  all: Candidate[] | undefined;
}

/**
 * Random genomes from `space.sample` (each gene uniform, then canonicalised). When random draws keep hitting excluded keys (a small or
 * nearly exhausted space), small spaces are enumerated so the last new genomes are still found, and an
 * exhausted space returns an empty batch instead of looping.
 */
export class RandomSampling implements Sampling {
  private readonly attemptsPerGenome: number;
  private readonly enumerationLimit: number;
  private readonly facts = new WeakMap<SearchSpace, SpaceFacts>();

  constructor(options: RandomSamplingOptions = {}) {
    this.attemptsPerGenome = options.attemptsPerGenome ?? 20;
    this.enumerationLimit = options.enumerationLimit ?? 65536;
    if (!Number.isInteger(this.attemptsPerGenome) || this.attemptsPerGenome < 1) {
      throw badInput('attemptsPerGenome', `must be a positive integer, got ${this.attemptsPerGenome}`);
    }
    if (!Number.isInteger(this.enumerationLimit) || this.enumerationLimit < 0) {
      throw badInput('enumerationLimit', `must be an integer >= 0, got ${this.enumerationLimit}`);
    }
  }

  sample(space: SearchSpace, rng: Rng, count: number, exclude: ReadonlySet<string>): Candidate[] {
    if (!Number.isInteger(count) || count < 0) throw badInput('count', `must be an integer >= 0, got ${count}`);
    const facts = this.factsOf(space);
    const wanted = Math.min(count, this.remainingOf(facts, exclude));
    const found: Candidate[] = [];
    if (wanted === 0) return found;
    const taken = new Set<string>();
    const maxAttempts = wanted * this.attemptsPerGenome;
    for (let attempt = 0; attempt < maxAttempts && found.length < wanted; attempt += 1) {
      const genome = space.sample(rng);
      const key = space.key(genome);
      if (exclude.has(key) || taken.has(key)) continue;
      taken.add(key);
      found.push({ genome, key });
    }
    if (found.length < wanted) this.fillByEnumeration(space, facts, rng, wanted, exclude, taken, found);
    return found;
  }

  private fillByEnumeration(
    space: SearchSpace,
    facts: SpaceFacts,
    rng: Rng,
    wanted: number,
    exclude: ReadonlySet<string>,
    taken: ReadonlySet<string>,
    found: Candidate[],
  ): void {
    facts.all ??=
      facts.cardinality !== undefined && facts.cardinality <= BigInt(this.enumerationLimit)
        ? Array.from(enumerateGenomes(space), (genome) => ({ genome, key: space.key(genome) }))
        : [];
    if (facts.all.length === 0) return;
    const fresh = facts.all.filter((candidate) => !exclude.has(candidate.key) && !taken.has(candidate.key));
    // Partial Fisher-Yates: a uniform random subset of the genomes still new.
    for (let index = 0; index < fresh.length && found.length < wanted; index += 1) {
      const pick = index + rng.int(fresh.length - index);
      const chosen = fresh[pick] as Candidate;
      fresh[pick] = fresh[index] as Candidate;
      found.push(chosen);
    }
  }

  /** How many new genomes are left, capped at MAX_SAFE_INTEGER; exclusion sets hold keys of this space. */
  private remainingOf(facts: SpaceFacts, exclude: ReadonlySet<string>): number {
    if (facts.cardinality === undefined) return Number.MAX_SAFE_INTEGER;
    const remaining = facts.cardinality - BigInt(exclude.size);
    if (remaining <= 0n) return 0;
    return remaining >= BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(remaining);
  }

  private factsOf(space: SearchSpace): SpaceFacts {
    let facts = this.facts.get(space);
    if (facts === undefined) {
      facts = { cardinality: countOrUndefined(space), all: undefined };
      this.facts.set(space, facts);
    }
    return facts;
  }
}

function countOrUndefined(space: SearchSpace): bigint | undefined {
  try {
    return space.cardinality();
  } catch (error) {
    if (isCarveError(error) && error.code === 'BAD_INPUT') return undefined;
    throw error;
  }
}
