// MOEA/D (Zhang & Li 2007) with Tchebycheff decomposition, adapted to batch ask/tell over a discrete space.

import { badInput } from '../../core/errors.js';
import { shuffle, type Rng } from '../../core/rng.js';
import type { Genome, SearchSpace } from '../../space/types.js';
import type { CandidateAlgorithm } from '../candidate-algorithm.js';
import { dasDennis, directionsForPopulation } from '../decomposition/das-dennis.js';
import { checkIndividual } from '../individual.js';
import { UniformCrossover } from '../operators/crossover.js';
import { KeyDuplicateElimination } from '../operators/duplicate-elimination.js';
import { RandomResetMutation } from '../operators/mutation.js';
import { RandomSampling } from '../operators/sampling.js';
import type { Candidate, Crossover, DuplicateElimination, Mutation, Repair, Sampling } from '../operators/types.js';
import type { Individual } from '../types.js';
import { defaultNeighbourhoodSize, flooredWeights, neighbourhoods, objectiveScale, replaceIncumbents } from './subproblems.js';

export interface MoeadOptions {
  readonly space: SearchSpace;
  readonly rng: Rng;
  /** Upper bound on the number of subproblems (and so on the batch size). */
  readonly populationSize: number;
  readonly objectiveCount: number;
  /** Das-Dennis partitions; default: the largest count whose directions do not outnumber `populationSize`. */
  readonly partitions?: number;
  /** Neighbourhood size T; default `defaultNeighbourhoodSize` (20, or a fifth of the subproblems when fewer than 100). */
  readonly neighbourhoodSize?: number;
  /** Probability δ that parents come from the neighbourhood rather than from all subproblems (default 0.9). */
  readonly neighbourhoodProbability?: number;
  /** Largest number of incumbents one offspring may replace, nr (default 2). */
  readonly maxReplacements?: number;
  /**
   * Divide each objective by its range (ideal to the largest value among the incumbents) before the
   * Tchebycheff function, as Zhang & Li suggest for objectives of different scales (default true).
   */
  readonly normalize?: boolean;
  /** Parent draws per subproblem before its offspring is left to random sampling (default 10). */
  readonly maxMatingAttempts?: number;
  readonly sampling?: Sampling;
  readonly crossover?: Crossover;
  readonly mutation?: Mutation;
  readonly duplicateElimination?: DuplicateElimination;
  /** Applied to each offspring after mutation (e.g. to stay in a pool); a rejected child (null) is redrawn. */
  readonly repair?: Repair;
}

/** Where an asked candidate came from: its subproblem and which subproblems it may replace. */
interface Origin {
  readonly position: number;
  readonly subproblem: number;
  readonly scope: 'initial' | 'neighbourhood' | 'all';
}

/**
 * Batch protocol: one batch is one offspring per subproblem, all bred from the incumbents as they are at
 * ask time (N subproblems = the Das-Dennis directions, at most `populationSize`). The first batch is N
 * distinct random genomes, the i-th becoming subproblem i's incumbent. For subproblem i, parents are two
 * incumbents of its neighbourhood (with probability δ) or of all subproblems; a child already asked is
 * redrawn, and after `maxMatingAttempts` the subproblem's place is filled by a random sample. `tell`
 * applies the offspring in ask order (others, e.g. a warm start, by key) as the original does one at a
 * time: update the ideal point with every evaluation, then offer the child to the subproblems it was bred
 * for (random order) and replace at most nr incumbents it improves on (lower violation, else lower
 * Tchebycheff value). Never asks a key twice; deterministic for a seed and sequence of tells.
 */
export class MoeadAlgorithm implements CandidateAlgorithm {
  readonly name = 'moead';
  readonly space: SearchSpace;
  readonly objectiveCount: number;
  /** Subproblem weights (Das-Dennis directions, zeros raised to WEIGHT_FLOOR). */
  readonly weights: readonly (readonly number[])[];
  readonly neighbours: readonly (readonly number[])[];
  readonly neighbourhoodProbability: number;
  readonly maxReplacements: number;
  readonly normalize: boolean;
  readonly maxMatingAttempts: number;
  private readonly rng: Rng;
  private readonly sampling: Sampling;
  private readonly crossover: Crossover;
  private readonly mutation: Mutation;
  private readonly duplicateElimination: DuplicateElimination;
  private readonly repair: Repair | undefined;
  private readonly asked = new Set<string>();
  private pending = new Map<string, Origin>();
  private readonly incumbents: (Individual | undefined)[];
  private idealFeasible: number[] | undefined;
  private idealAny: number[] | undefined;

  constructor(options: MoeadOptions) {
    this.space = options.space;
    this.rng = options.rng;
    this.objectiveCount = positiveInteger('objectiveCount', options.objectiveCount);
    const populationSize = positiveInteger('populationSize', options.populationSize);
    const directions =
      options.partitions === undefined ? directionsForPopulation(this.objectiveCount, populationSize) : dasDennis(this.objectiveCount, options.partitions);
    this.weights = flooredWeights(directions);
    const size = options.neighbourhoodSize ?? defaultNeighbourhoodSize(this.weights.length);
    if (!Number.isInteger(size) || size < 1 || size > this.weights.length) {
      throw badInput('neighbourhoodSize', `must be an integer in [1, ${this.weights.length}], got ${size}`);
    }
    this.neighbours = neighbourhoods(this.weights, size);
    this.neighbourhoodProbability = options.neighbourhoodProbability ?? 0.9;
    if (!(this.neighbourhoodProbability >= 0 && this.neighbourhoodProbability <= 1)) {
      throw badInput('neighbourhoodProbability', `must be in [0, 1], got ${this.neighbourhoodProbability}`);
    }
    this.maxReplacements = positiveInteger('maxReplacements', options.maxReplacements ?? 2);
    this.maxMatingAttempts = positiveInteger('maxMatingAttempts', options.maxMatingAttempts ?? 10);
    this.normalize = options.normalize ?? true;
    this.sampling = options.sampling ?? new RandomSampling();
    this.crossover = options.crossover ?? new UniformCrossover();
    this.mutation = options.mutation ?? new RandomResetMutation();
    this.duplicateElimination = options.duplicateElimination ?? new KeyDuplicateElimination();
    this.repair = options.repair;
    this.incumbents = new Array<Individual | undefined>(this.weights.length).fill(undefined);
  }

  get seenKeys(): ReadonlySet<string> {
    return this.asked;
  }

  /** The ideal point: smallest objective values of all feasible evaluations (of all, while none is feasible). */
  get ideal(): readonly number[] | undefined {
    return this.idealFeasible ?? this.idealAny;
  }

  /** Each subproblem's incumbent (undefined while it has none). */
  subproblemIncumbents(): readonly (Individual | undefined)[] {
    return this.incumbents;
  }

  /** The distinct incumbents, in subproblem order. */
  population(): readonly Individual[] {
    const seen = new Set<string>();
    const members: Individual[] = [];
    for (const incumbent of this.incumbents) {
      if (incumbent === undefined || seen.has(incumbent.key)) continue;
      seen.add(incumbent.key);
      members.push(incumbent);
    }
    return members;
  }

  ask(): Genome[] {
    return this.askCandidates().map((candidate) => candidate.genome);
  }

  askCandidates(): Candidate[] {
    const filled = this.incumbents.some((incumbent) => incumbent !== undefined);
    const batch: Candidate[] = [];
    const origins: Omit<Origin, 'position'>[] = [];
    const unbred: number[] = [];
    for (let subproblem = 0; subproblem < this.weights.length; subproblem += 1) {
      const bred = filled ? this.breed(subproblem) : null;
      if (bred === null) {
        unbred.push(subproblem);
        continue;
      }
      // Asked at once, so later subproblems and the sampler exclude it too.
      this.asked.add(bred.candidate.key);
      batch.push(bred.candidate);
      origins.push({ subproblem, scope: bred.scope });
    }
    if (unbred.length > 0) {
      this.sampling.sample(this.space, this.rng, unbred.length, this.asked).forEach((candidate, index) => {
        this.asked.add(candidate.key);
        batch.push(candidate);
        origins.push({ subproblem: unbred[index] as number, scope: filled ? 'all' : 'initial' });
      });
    }
    batch.forEach((candidate, index) => {
      this.pending.set(candidate.key, { position: index, ...(origins[index] as Omit<Origin, 'position'>) });
    });
    return batch;
  }

  tell(evaluated: readonly Individual[]): void {
    for (const individual of evaluated) checkIndividual(individual, this.objectiveCount);
    const ordered = [...evaluated].sort((left, right) => {
      const a = this.pending.get(left.key)?.position ?? Infinity;
      const b = this.pending.get(right.key)?.position ?? Infinity;
      if (a !== b) return a < b ? -1 : 1;
      return left.key === right.key ? 0 : left.key < right.key ? -1 : 1;
    });
    const pending = this.pending;
    this.pending = new Map();
    const told = new Set<string>();
    for (const individual of ordered) {
      if (told.has(individual.key)) continue;
      told.add(individual.key);
      this.asked.add(individual.key);
      this.updateIdeal(individual);
      const origin = pending.get(individual.key);
      if (origin?.scope === 'initial' && this.incumbents[origin.subproblem] === undefined) {
        this.incumbents[origin.subproblem] = individual;
        continue;
      }
      if (this.incumbents.some((incumbent) => incumbent?.key === individual.key)) continue;
      const order =
        origin === undefined || origin.scope !== 'neighbourhood'
          ? this.weights.map((_, index) => index)
          : [...(this.neighbours[origin.subproblem] as readonly number[])];
      shuffle(order, this.rng);
      const ideal = this.ideal as readonly number[];
      const scale = this.normalize ? objectiveScale(this.population().map((member) => member.objectives), ideal) : ideal.map(() => 1);
      replaceIncumbents(this.incumbents, individual, order, this.weights, ideal, scale, this.maxReplacements);
    }
  }

  /** One new child for a subproblem, or null when `maxMatingAttempts` draws gave nothing new. */
  private breed(subproblem: number): { candidate: Candidate; scope: 'neighbourhood' | 'all' } | null {
    const against = [this.asked];
    for (let attempt = 0; attempt < this.maxMatingAttempts; attempt += 1) {
      const local = this.rng.next() < this.neighbourhoodProbability;
      let pool = this.filledOf(local ? (this.neighbours[subproblem] as readonly number[]) : undefined);
      // A neighbourhood without two incumbents borrows from everywhere.
      if (pool.length < 2) pool = this.filledOf(undefined);
      if (pool.length === 0) return null;
      const first = pool[this.rng.int(pool.length)] as Individual;
      let second = pool[this.rng.int(pool.length)] as Individual;
      if (pool.length > 1) while (second.key === first.key) second = pool[this.rng.int(pool.length)] as Individual;
      const children = this.crossover.cross(this.space, this.rng, first.genome, second.genome);
      const child = this.mutation.mutate(this.space, this.rng, children[this.rng.int(2)] as Genome);
      let candidate: Candidate | null;
      if (this.repair !== undefined) candidate = this.repair.repair(this.space, this.rng, child, against);
      else candidate = child === first.genome || child === second.genome ? null : { genome: child, key: this.space.key(child) };
      if (candidate === null) continue;
      if (this.duplicateElimination.eliminate([candidate], against).length === 0) continue;
      return { candidate, scope: local ? 'neighbourhood' : 'all' };
    }
    return null;
  }

  /** The distinct incumbents of the given subproblems (all when undefined). */
  private filledOf(subproblems: readonly number[] | undefined): Individual[] {
    const members: Individual[] = [];
    const seen = new Set<string>();
    for (const index of subproblems ?? this.weights.map((_, position) => position)) {
      const incumbent = this.incumbents[index];
      if (incumbent === undefined || seen.has(incumbent.key)) continue;
      seen.add(incumbent.key);
      members.push(incumbent);
    }
    return members;
  }

  private updateIdeal(individual: Individual): void {
    this.idealAny = lower(this.idealAny, individual.objectives);
    if (individual.violation === 0) this.idealFeasible = lower(this.idealFeasible, individual.objectives);
  }
}

function lower(current: number[] | undefined, values: readonly number[]): number[] {
  if (current === undefined) return [...values];
  return current.map((value, column) => Math.min(value, values[column] as number));
}

function positiveInteger(field: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw badInput(field, `must be a positive integer, got ${value}`);
  return value;
}
