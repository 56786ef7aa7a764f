// NSGA-II over a discrete search space, driven by ask/tell and assembled from replaceable parts.

import { badInput } from '../../core/errors.js';
import type { Rng } from '../../core/rng.js';
import type { Genome, SearchSpace } from '../../space/types.js';
import { checkIndividual } from '../individual.js';
import { UniformCrossover } from '../operators/crossover.js';
import { KeyDuplicateElimination } from '../operators/duplicate-elimination.js';
import { RandomResetMutation } from '../operators/mutation.js';
import { RandomSampling } from '../operators/sampling.js';
import { BinaryTournamentSelection } from '../operators/selection.js';
import { RankAndCrowdingSurvival } from '../operators/survival.js';
import type {
  Candidate,
  Crossover,
  DuplicateElimination,
  Mutation,
  RankedIndividual,
  Repair,
  Sampling,
  Selection,
  Survival,
} from '../operators/types.js';
import type { CandidateAlgorithm } from '../candidate-algorithm.js';
import type { Individual } from '../types.js';

export interface Nsga2Options {
  readonly space: SearchSpace;
  readonly rng: Rng;
  readonly populationSize: number;
  readonly objectiveCount: number;
  readonly sampling?: Sampling;
  readonly crossover?: Crossover;
  readonly mutation?: Mutation;
  readonly selection?: Selection;
  readonly survival?: Survival;
  readonly duplicateElimination?: DuplicateElimination;
  /**
   * Applied to every child after mutation and before duplicate elimination (e.g. to keep the search inside
   * a pool of measured models). A child the repair rejects (null) is dropped. Default: none.
   */
  readonly repair?: Repair;
  /**
   * Mating rounds per ask before the missing offspring are replaced by random samples (default 20). A
   * converged population keeps producing children it has already seen; this bounds the effort spent.
   */
  readonly maxMatingRounds?: number;
}

function checkPositiveInteger(field: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw badInput(field, `must be a positive integer, got ${value}`);
  return value;
}

/**
 * The first ask returns `populationSize` distinct random genomes; every later ask returns up to
 * `populationSize` offspring never asked before (random samples fill in when mating stalls; fewer, possibly
 * none, once the space is exhausted). Each tell merges the population with the told individuals and keeps
 * the best `populationSize` by rank and crowding. Told individuals are put in ask order first (others by
 * key), so the result does not depend on the order in which evaluations arrive. Individuals never asked
 * (a warm start from stored trials) may be told too; they join the population and are never asked.
 * Keys told must be `space.key(genome)`; they are trusted, not recomputed.
 */
export class Nsga2Algorithm implements CandidateAlgorithm {
  readonly name = 'nsga2';
  readonly space: SearchSpace;
  readonly populationSize: number;
  readonly objectiveCount: number;
  readonly sampling: Sampling;
  readonly crossover: Crossover;
  readonly mutation: Mutation;
  readonly selection: Selection;
  readonly survival: Survival;
  readonly duplicateElimination: DuplicateElimination;
  readonly repair: Repair | undefined;
  readonly maxMatingRounds: number;
  private readonly rng: Rng;
  private readonly asked = new Set<string>();
  /** Position of each key asked since the last tell, which orders told individuals cheaply and independently of tell order. */
  private pending = new Map<string, number>();
  private current: RankedIndividual[] = [];

  constructor(options: Nsga2Options) {
    this.space = options.space;
    this.rng = options.rng;
    this.populationSize = checkPositiveInteger('populationSize', options.populationSize);
    this.objectiveCount = checkPositiveInteger('objectiveCount', options.objectiveCount);
    this.sampling = options.sampling ?? new RandomSampling();
    this.crossover = options.crossover ?? new UniformCrossover();
    this.mutation = options.mutation ?? new RandomResetMutation();
    this.selection = options.selection ?? new BinaryTournamentSelection();
    this.survival = options.survival ?? new RankAndCrowdingSurvival();
    this.duplicateElimination = options.duplicateElimination ?? new KeyDuplicateElimination();
    this.repair = options.repair;
    this.maxMatingRounds = checkPositiveInteger('maxMatingRounds', options.maxMatingRounds ?? 20);
  }

  get seenKeys(): ReadonlySet<string> {
    return this.asked;
  }

  population(): readonly RankedIndividual[] {
    return this.current;
  }

  ask(): Genome[] {
    return this.askCandidates().map((candidate) => candidate.genome);
  }

  askCandidates(): Candidate[] {
    // Accepted candidates join `asked` at once, so later rounds and the sampler exclude them too.
    const batch = this.current.length === 0 ? [] : this.mate();
    if (batch.length < this.populationSize) {
      for (const candidate of this.sampling.sample(this.space, this.rng, this.populationSize - batch.length, this.asked)) {
        this.asked.add(candidate.key);
        batch.push(candidate);
      }
    }
    for (const candidate of batch) this.pending.set(candidate.key, this.pending.size);
    return batch;
  }

  tell(evaluated: readonly Individual[]): void {
    for (const individual of evaluated) checkIndividual(individual, this.objectiveCount);
    // Asked individuals in ask order, then any others (e.g. a warm start) by key: the merged list, hence
    // survival, is the same whatever order the evaluations arrive in.
    const ordered = evaluated.map((individual) => ({ individual, position: this.pending.get(individual.key) ?? Infinity }));
    ordered.sort(
      (left, right) =>
        (left.position === right.position ? 0 : left.position < right.position ? -1 : 1) ||
        byKeyThenValues(left.individual, right.individual),
    );
    this.pending = new Map();
    const populationKeys = new Set(this.current.map((individual) => individual.key));
    const merged: Individual[] = [...this.current];
    let previousKey: string | undefined;
    for (const { individual } of ordered) {
      // One individual per key: a repeated or already surviving key would distort crowding.
      if (individual.key === previousKey || populationKeys.has(individual.key)) continue;
      previousKey = individual.key;
      // Individuals from outside (e.g. a warm start) count as seen, so they are never asked again.
      this.asked.add(individual.key);
      merged.push(individual);
    }
    this.current = this.survival.survive(merged, this.populationSize);
  }

  /**
   * Offspring from rounds of selection, crossover and mutation, new keys only. Mating stops after
   * `maxMatingRounds` rounds or after a round in which under a tenth of the children were new: the
   * population then mostly reproduces what was already seen, and random samples are the better use of effort.
   */
  private mate(): Candidate[] {
    const offspring: Candidate[] = [];
    // The population and the offspring accepted so far are all in `asked`.
    const against = [this.asked];
    for (let round = 0; round < this.maxMatingRounds && offspring.length < this.populationSize; round += 1) {
      const missing = this.populationSize - offspring.length;
      const parents = this.selection.select(this.rng, this.current, 2 * Math.ceil(missing / 2));
      const children: Candidate[] = [];
      // Keys repaired to in this round: the next child is repaired to another one, not the same.
      const repairedKeys = new Set<string>();
      let generated = 0;
      for (let index = 0; index + 1 < parents.length; index += 2) {
        const first = this.current[parents[index] as number] as RankedIndividual;
        const second = this.current[parents[index + 1] as number] as RankedIndividual;
        for (const child of this.crossover.cross(this.space, this.rng, first.genome, second.genome)) {
          const genome = this.mutation.mutate(this.space, this.rng, child);
          generated += 1;
          if (this.repair !== undefined) {
            // A child equal to a parent is repaired too: it becomes a new neighbour instead of being lost.
            const repaired = this.repair.repair(this.space, this.rng, genome, [this.asked, repairedKeys]);
            if (repaired === null) continue;
            repairedKeys.add(repaired.key);
            children.push(repaired);
            continue;
          }
          // A parent passed through unchanged is a known key: skip building and hashing it.
          if (genome === first.genome || genome === second.genome) continue;
          children.push({ genome, key: this.space.key(genome) });
        }
      }
      const fresh = this.duplicateElimination.eliminate(children, against);
      for (const candidate of fresh) {
        if (offspring.length === this.populationSize) break;
        offspring.push(candidate);
        this.asked.add(candidate.key);
      }
      if (fresh.length * MIN_ROUND_YIELD_INVERSE < generated) break;
    }
    return offspring;
  }
}

/** A mating round yielding fewer than 1 / this of new children ends mating. */
const MIN_ROUND_YIELD_INVERSE = 10;

function byKeyThenValues(left: Individual, right: Individual): number {
  if (left.key !== right.key) return left.key < right.key ? -1 : 1;
  for (let index = 0; index < left.objectives.length; index += 1) {
    const difference = (left.objectives[index] as number) - (right.objectives[index] as number);
    if (difference !== 0) return difference;
  }
  return left.violation - right.violation;
}
