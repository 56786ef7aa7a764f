// Contracts of the parts evolutionary algorithms are assembled from: sampling, variation, selection, survival.

import type { Rng } from '../../core/rng.js';
import type { Genome, SearchSpace } from '../../space/types.js';
import type { Individual } from '../types.js';

/** A canonical genome with its key, computed once so no part has to compute it again. */
export interface Candidate {
  readonly genome: Genome;
  readonly key: string;
}

/** An individual after survival: its non-domination rank (0 = best front) and crowding distance in that front. */
export interface RankedIndividual extends Individual {
  readonly rank: number;
  readonly crowding: number;
}

/** Creates new canonical genomes. */
export interface Sampling {
  /**
   * Up to `count` distinct canonical genomes whose keys are not in `exclude`. Returns fewer only when the
   * space holds no more new genomes or none was found within a bounded number of attempts. `exclude` holds
   * keys of `space` only: its size tells how much of the space is left.
   */
  sample(space: SearchSpace, rng: Rng, count: number, exclude: ReadonlySet<string>): Candidate[];
}

/** Recombines two canonical parents into two canonical children. */
export interface Crossover {
  cross(space: SearchSpace, rng: Rng, first: Genome, second: Genome): [Genome, Genome];
}

/** Perturbs a canonical genome; the result is canonical (it may equal the input). */
export interface Mutation {
  mutate(space: SearchSpace, rng: Rng, genome: Genome): Genome;
}

/**
 * Maps a genome to an allowed one (e.g. the nearest member of a finite pool). Applied to each offspring after
 * mutation and before duplicate elimination.
 */
export interface Repair {
  /**
   * A canonical candidate to use instead of `genome` (possibly `genome` itself), whose key is in none of
   * `against`; null when no allowed candidate is left.
   */
  repair(space: SearchSpace, rng: Rng, genome: Genome, against: readonly ReadonlySet<string>[]): Candidate | null;
}

/** Picks parents from a ranked population. */
export interface Selection {
  /** `count` indices into `pool` (repeats allowed); consecutive pairs are mated. */
  select(rng: Rng, pool: readonly RankedIndividual[], count: number): number[];
}

/** Reduces a merged population to the next one. */
export interface Survival {
  /** The min(count, candidates.length) survivors with their rank and crowding; deterministic for a given input order. */
  survive(candidates: readonly Individual[], count: number): RankedIndividual[];
}

/** Removes candidates already known, so no key is ever asked twice. */
export interface DuplicateElimination {
  /** The candidates whose key is in none of `against` and not repeated earlier in `candidates`, order kept. */
  eliminate(candidates: readonly Candidate[], against: readonly ReadonlySet<string>[]): Candidate[];
}

/** What a termination criterion looks at. */
export interface TerminationState {
  /** Genomes evaluated so far (every asked genome counts, failed or not). */
  readonly evaluations: number;
  /** Completed ask/tell rounds; the initial population is round 1. */
  readonly generations: number;
}

/** Decides when a run stops and how far along it is. */
export interface Termination {
  /** Fraction of the run done, in [0, 1]. */
  progress(state: TerminationState): number;
  done(state: TerminationState): boolean;
}
