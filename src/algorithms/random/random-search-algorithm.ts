// Random search: batches of new uniform random genomes; the population is the non-dominated set of all told.

import { badInput } from '../../core/errors.js';
import type { Rng } from '../../core/rng.js';
import { dominates } from '../../indicators/index.js';
import type { Genome, SearchSpace } from '../../space/types.js';
import { checkIndividual } from '../individual.js';
import { RandomSampling } from '../operators/sampling.js';
import type { Candidate, Sampling } from '../operators/types.js';
import type { CandidateAlgorithm } from '../candidate-algorithm.js';
import type { Individual } from '../types.js';

export interface RandomSearchOptions {
  readonly space: SearchSpace;
  readonly rng: Rng;
  readonly batchSize: number;
  /** Checked on every tell when given; otherwise the first told individual fixes it. */
  readonly objectiveCount?: number;
  readonly sampling?: Sampling;
}

/**
 * Never asks a key twice. The population is the archive of individuals no other told individual
 * constrained-dominates: the feasible Pareto set, or the least-violating individuals while none is feasible.
 */
export class RandomSearchAlgorithm implements CandidateAlgorithm {
  readonly name = 'random';
  readonly space: SearchSpace;
  readonly batchSize: number;
  readonly sampling: Sampling;
  private objectiveCount: number | undefined;
  private readonly rng: Rng;
  private readonly asked = new Set<string>();
  private archive: Individual[] = [];
  private readonly archiveKeys = new Set<string>();

  constructor(options: RandomSearchOptions) {
    if (!Number.isInteger(options.batchSize) || options.batchSize < 1) {
      throw badInput('batchSize', `must be a positive integer, got ${options.batchSize}`);
    }
    if (options.objectiveCount !== undefined && (!Number.isInteger(options.objectiveCount) || options.objectiveCount < 1)) {
      throw badInput('objectiveCount', `must be a positive integer, got ${options.objectiveCount}`);
    }
    this.space = options.space;
    this.rng = options.rng;
    this.batchSize = options.batchSize;
    this.objectiveCount = options.objectiveCount;
    this.sampling = options.sampling ?? new RandomSampling();
  }

  get seenKeys(): ReadonlySet<string> {
    return this.asked;
  }

  ask(): Genome[] {
    return this.askCandidates().map((candidate) => candidate.genome);
  }

  askCandidates(): Candidate[] {
    const batch = this.sampling.sample(this.space, this.rng, this.batchSize, this.asked);
    for (const candidate of batch) this.asked.add(candidate.key);
    return batch;
  }

  tell(evaluated: readonly Individual[]): void {
    for (const individual of evaluated) {
      this.objectiveCount ??= individual.objectives.length;
      checkIndividual(individual, this.objectiveCount);
    }
    let changed = false;
    for (const individual of evaluated) {
      this.asked.add(individual.key);
      if (this.archiveKeys.has(individual.key)) continue;
      if (this.archive.some((member) => constrainedDominates(member, individual))) continue;
      const kept: Individual[] = [];
      for (const member of this.archive) {
        if (constrainedDominates(individual, member)) this.archiveKeys.delete(member.key);
        else kept.push(member);
      }
      kept.push(individual);
      this.archive = kept;
      this.archiveKeys.add(individual.key);
      changed = true;
    }
    // Key order makes the population independent of the order of tells.
    if (changed) this.archive.sort((left, right) => (left.key < right.key ? -1 : left.key > right.key ? 1 : 0));
  }

  population(): readonly Individual[] {
    return this.archive;
  }
}

/** Deb's constrained domination: feasibility first, then smaller violation, then Pareto dominance. */
function constrainedDominates(left: Individual, right: Individual): boolean {
  if (left.violation > 0 || right.violation > 0) return left.violation < right.violation;
  return dominates(left.objectives, right.objectives);
}
