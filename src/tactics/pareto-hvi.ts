// carve's own tactic: a small initial design, then small batches chosen by greedy hypervolume improvement of
// optimistic surrogate predictions, over every candidate when the space or pool is small enough to score.

import { Nsga2Algorithm, PolynomialMutation, SimulatedBinaryCrossover, type Individual } from '../algorithms/index.js';
import { nonDominatedSort, paretoFrontIndices } from '../indicators/index.js';
import { createEncoder, singleGeneNeighbours } from '../space/index.js';
import type { Genome } from '../space/types.js';
import { selectBatch } from './acquisition/batch-selection.js';
import { ObservationArchive } from './surrogate/archive.js';
import { evolvedCandidates, finiteCandidates, type CandidateSet, type FiniteCandidates } from './surrogate/candidates.js';
import { fitObjectiveModel, type ModelOptions, type ObjectiveModel } from './surrogate/models.js';
import { readTacticOptions } from './options.js';
import type { Observation, ProposalContext, Tactic, TacticContext } from './types.js';

export interface ParetoHviOptions {
  readonly initialSize: number;
  readonly batchSize: number;
  readonly kappa: number;
  readonly models: readonly string[];
  readonly folds: number;
  readonly ensembleMembers: number;
  readonly enumerationLimit: number;
  /** Relative margin of the reference point beyond the observed worst value of each objective. */
  readonly referenceMargin: number;
  readonly innerEvaluations: number;
  /**
   * Share of each batch drawn only from the unseen single-gene neighbours of the observed front (0 = none):
   * the best architectures are usually one change away from good ones, which predictors cannot resolve alone.
   */
  readonly localShare: number;
  /** Observed non-dominated ranks whose members' neighbourhoods are searched locally. */
  readonly localRanks: number;
  /**
   * 'space': every unseen candidate of a small space or pool (an NSGA-II run on the predictions otherwise);
   * 'offspring': the children an NSGA-II over the true objectives would make (several rounds), screened by
   * the predictions, so variation stays near the architectures that really are good.
   */
  readonly candidateSource: string;
  /** Offspring rounds (each one population of children) screened per batch in 'offspring' mode. */
  readonly offspringRounds: number;
  /** In 'offspring' mode, share of each batch chosen over every unseen candidate of a small space instead. */
  readonly globalShare: number;
}

export const PARETO_HVI_DEFAULTS: ParetoHviOptions = {
  initialSize: 20,
  batchSize: 10,
  kappa: 0,
  models: ['svr-rank'],
  folds: 5,
  ensembleMembers: 0,
  enumerationLimit: 50_000,
  referenceMargin: 0.1,
  innerEvaluations: 5000,
  localShare: 0,
  localRanks: 1,
  candidateSource: 'offspring',
  offspringRounds: 8,
  globalShare: 0,
};

export interface IterationRecord {
  readonly iteration: number;
  readonly observed: number;
  readonly models: readonly { objective: string; model: string; cvKendallTau: number | null; cvRmse: number | null }[];
  readonly candidates: number;
}

export class ParetoHviTactic implements Tactic {
  readonly name = 'pareto-hvi';
  private readonly context: TacticContext;
  private readonly options: ParetoHviOptions;
  private readonly archive: ObservationArchive;
  private readonly encoder;
  private finite: FiniteCandidates | null | undefined;
  private evolution: Nsga2Algorithm | undefined;
  private iteration = 0;
  readonly iterations: IterationRecord[] = [];

  constructor(context: TacticContext) {
    this.context = context;
    this.options = readTacticOptions('pareto-hvi', PARETO_HVI_DEFAULTS, context.options);
    this.encoder = createEncoder(context.space, 'one-hot');
    this.archive = new ObservationArchive(this.encoder);
  }

  propose(_context: ProposalContext): Genome[] {
    this.iteration += 1;
    if (this.finite === undefined) {
      this.finite = finiteCandidates(this.context.space, this.encoder, this.context.pool, this.options.enumerationLimit);
    }
    if (this.options.candidateSource === 'offspring' && this.evolution === undefined) {
      this.evolution = new Nsga2Algorithm({
        space: this.context.space,
        rng: this.context.rng.fork(),
        populationSize: this.options.initialSize,
        objectiveCount: this.context.objectives.length,
        crossover: new SimulatedBinaryCrossover({ probability: 0.9, eta: 15 }),
        mutation: new PolynomialMutation({ probability: 0.1, eta: 20 }),
      });
      return this.evolution.ask();
    }
    if (this.archive.size < this.options.initialSize) return this.initialDesign(this.options.initialSize - this.archive.size);
    const objectiveCount = this.context.objectives.length;
    const modelOptions: ModelOptions = { candidates: this.options.models, folds: this.options.folds, ensembleMembers: this.options.ensembleMembers };
    const models: ObjectiveModel[] = [];
    for (let objective = 0; objective < objectiveCount; objective += 1) {
      models.push(fitObjectiveModel(this.archive.features, this.archive.targets(objective), modelOptions, this.context.rng.fork()));
    }
    const candidates = this.candidates(models);
    this.iterations.push({
      iteration: this.iteration,
      observed: this.archive.size,
      models: models.map((model, objective) => ({
        objective: this.context.objectives[objective]?.name ?? String(objective),
        model: model.name,
        cvKendallTau: model.cvKendallTau,
        cvRmse: model.cvRmse,
      })),
      candidates: candidates.keys.length,
    });
    if (candidates.keys.length === 0) return [];
    const predictions = models.map((model) => model.predict(candidates.features));
    // Normalise by the observed ranges so that every objective weighs the same in the hypervolume.
    const low = Array.from({ length: objectiveCount }, (_, objective) => Math.min(...this.archive.targets(objective)));
    const high = Array.from({ length: objectiveCount }, (_, objective) => Math.max(...this.archive.targets(objective)));
    const span = low.map((value, objective) => Math.max((high[objective] as number) - value, 1e-12));
    const normalise = (value: number, objective: number): number => (value - (low[objective] as number)) / (span[objective] as number);
    const means = candidates.keys.map((_, index) => predictions.map((prediction, objective) => normalise(prediction.mean[index] as number, objective)));
    const stds = candidates.keys.map((_, index) => predictions.map((prediction, objective) => (prediction.std[index] as number) / (span[objective] as number)));
    const infeasible = candidates.keys.map((_, index) => this.predictedInfeasible(predictions.map((prediction) => prediction.mean[index] as number)));
    const observed = this.archive.feasibleObjectives().map((vector) => vector.map(normalise));
    const reference = low.map(() => 1 + this.options.referenceMargin);
    const localCount = Math.round(this.options.batchSize * this.options.localShare);
    const picks: number[] = [];
    const extraGenomes: Genome[] = [];
    if (localCount > 0) {
      const local = this.localMask(candidates);
      const localPicks = selectBatch({
        observed,
        means,
        stds,
        infeasible: infeasible.map((value, index) => value || !local[index]),
        reference,
        batchSize: localCount,
        kappa: this.options.kappa,
      }).filter((index) => local[index] === true);
      picks.push(...localPicks);
    }
    const taken = new Set(picks);
    const globalCount = Math.round(this.options.batchSize * this.options.globalShare);
    if (globalCount > 0 && this.evolution !== undefined && this.finite !== null && this.finite !== undefined) {
      const pool = this.finite.unseen(new Set([...this.archive.seen, ...candidates.keys]));
      if (pool.keys.length > 0) {
        const poolPredictions = models.map((model) => model.predict(pool.features));
        const poolMeans = pool.keys.map((_, index) => poolPredictions.map((prediction, objective) => normalise(prediction.mean[index] as number, objective)));
        const poolStds = pool.keys.map((_, index) => poolPredictions.map((prediction, objective) => (prediction.std[index] as number) / (span[objective] as number)));
        const chosen = selectBatch({ observed, means: poolMeans, stds: poolStds, reference, batchSize: globalCount, kappa: this.options.kappa });
        for (const index of chosen) extraGenomes.push(pool.genomes[index] as Genome);
        observed.push(...chosen.map((index) => poolMeans[index] as number[]));
      }
    }
    const globalPicks = selectBatch({
      observed: [...observed, ...picks.map((index) => means[index] as number[])],
      means,
      stds,
      infeasible: infeasible.map((value, index) => value || taken.has(index)),
      reference,
      batchSize: this.options.batchSize - picks.length - extraGenomes.length,
      kappa: this.options.kappa,
    });
    picks.push(...globalPicks.filter((index) => !taken.has(index)));
    return [...picks.map((index) => candidates.genomes[index] as Genome), ...extraGenomes];
  }

  /** Candidates one gene away from a member of the first `localRanks` observed non-dominated fronts. */
  private localMask(candidates: CandidateSet): boolean[] {
    const space = this.context.space;
    const feasible = this.archive.objectives.map((vector, index) => ((this.archive.violations[index] as number) === 0 ? vector : null));
    const indices = feasible.flatMap((vector, index) => (vector === null ? [] : [index]));
    const fronts = nonDominatedSort(indices.map((index) => feasible[index] as number[]));
    const neighbours = new Set<string>();
    for (const front of fronts.slice(0, this.options.localRanks)) {
      for (const position of front) {
        const genome = this.archive.genomes[indices[position] as number] as Genome;
        for (const { key } of singleGeneNeighbours(space, genome)) neighbours.add(key);
      }
    }
    return candidates.keys.map((key) => neighbours.has(key));
  }

  observe(batch: readonly Observation[]): void {
    this.archive.add(batch);
    if (this.evolution !== undefined) {
      const evaluated: Individual[] = [];
      for (const observation of batch) {
        if (observation.objectives === null) continue;
        evaluated.push({ genome: observation.genome, key: observation.key, objectives: observation.objectives, violation: observation.violation });
      }
      this.evolution.tell(evaluated);
    }
  }

  describeLastProposal(): Readonly<Record<string, unknown>> | undefined {
    const last = this.iterations[this.iterations.length - 1];
    return last === undefined || last.iteration !== this.iteration ? undefined : { ...last };
  }

  /** Bounds are on raw values; predictions are minimised values. */
  private predictedInfeasible(minimised: readonly number[]): boolean {
    return this.context.objectives.some((objective, index) => {
      if (objective.bound === undefined) return false;
      const raw = objective.direction === 'maximize' ? -(minimised[index] as number) : (minimised[index] as number);
      return objective.bound.op === '<=' ? raw > objective.bound.value : raw < objective.bound.value;
    });
  }

  private initialDesign(count: number): Genome[] {
    const space = this.context.space;
    const picked: Genome[] = [];
    const keys = new Set(this.archive.seen);
    if (this.finite !== null && this.finite !== undefined) {
      const unseen = this.finite.unseen(keys);
      const order = unseen.keys.map((_, index) => index);
      for (let i = 0; i < Math.min(count, order.length); i += 1) {
        const j = i + this.context.rng.int(order.length - i);
        [order[i], order[j]] = [order[j] as number, order[i] as number];
        picked.push(unseen.genomes[order[i] as number] as Genome);
      }
      return picked;
    }
    for (let attempts = 0; picked.length < count && attempts < count * 50; attempts += 1) {
      const genome = space.sample(this.context.rng);
      const key = space.key(genome);
      if (keys.has(key)) continue;
      keys.add(key);
      picked.push(genome);
    }
    return picked;
  }

  private candidates(models: readonly ObjectiveModel[]): CandidateSet {
    const exclude = this.archive.seen;
    if (this.evolution !== undefined) {
      const set: CandidateSet = { genomes: [], keys: [], features: [] };
      const keys = new Set<string>();
      for (let round = 0; round < this.options.offspringRounds; round += 1) {
        for (const genome of this.evolution.ask()) {
          const key = this.context.space.key(genome);
          if (exclude.has(key) || keys.has(key)) continue;
          keys.add(key);
          set.genomes.push(genome);
          set.keys.push(key);
          set.features.push(this.encoder.encode(genome));
        }
      }
      return set;
    }
    if (this.finite !== null && this.finite !== undefined) return this.finite.unseen(exclude);
    const objectives = this.archive.objectives;
    const front = paretoFrontIndices(objectives);
    const seeds: Individual[] = this.archive.keys.map((key, index) => ({
      genome: this.archive.genomes[index] as Genome,
      key,
      objectives: objectives[index] as number[],
      violation: this.archive.violations[index] as number,
    }));
    return evolvedCandidates({
      space: this.context.space,
      encoder: this.encoder,
      rng: this.context.rng.fork(),
      predictMeans: (features) => {
        const predictions = models.map((model) => model.predict(features).mean);
        return features.map((_, index) => predictions.map((mean) => mean[index] as number));
      },
      objectiveCount: models.length,
      seeds,
      frontGenomes: front.map((index) => this.archive.genomes[index] as Genome),
      exclude,
      populationSize: 50,
      evaluations: this.options.innerEvaluations,
    });
  }
}
