// LINAS as published (validate a population, fit predictors on everything validated, run NSGA-II on the
// predictors, validate its final population, repeat) with DyNAS-T's defaults, minus its defects: a known
// architecture is never validated again, and every batch is new architectures only.

import { EvaluationTermination, minimize, Nsga2Algorithm, PolynomialMutation, SimulatedBinaryCrossover, type Individual } from '../algorithms/index.js';
import { crowdingDistance, nonDominatedSort, paretoFrontIndices } from '../indicators/index.js';
import { selectBatch } from './acquisition/batch-selection.js';
import { hypervolumeImprovements } from './acquisition/hypervolume-improvement.js';
import { nearestResiduals, noisyHviPicks, residualSample, type ResidualSample } from './acquisition/noisy-hvi.js';
import { concatenateEncoders, createEncoder, enumerateGenomes, singleGeneNeighbours, withProxyColumn } from '../space/index.js';
import { columnView, predictorFactory, type PredictorFactory } from '../predictors/index.js';
import type { FeatureEncoder, Genome, SearchSpace } from '../space/types.js';
import { badInput } from '../core/errors.js';
import { readTacticOptions } from './options.js';
import { ObservationArchive } from './surrogate/archive.js';
import { worthValidating } from './surrogate/redraws.js';
import { fitObjectiveModel, type ObjectiveModel } from './surrogate/models.js';
import type { Observation, ProposalContext, Tactic, TacticContext } from './types.js';

export interface LinasOptions {
  /** Predicted evaluations of the inner NSGA-II per iteration (DyNAS-T: 5,000). */
  readonly innerEvaluations: number;
  /**
   * Models offered to cross-validated selection per objective (DyNAS-T: ridge and SVR, grid-searched). A name
   * ending in '/one-hot' (e.g. 'ridge/one-hot') is that model on the plain one-hot of active genes beside the
   * space's own features: hardware costs add up over the operations as written, which space-aware features can
   * blur. With plain one-hot features it is not offered unless no other model is.
   */
  readonly models: readonly string[];
  readonly folds: number;
  /** Validations per iteration, also the inner NSGA-II's population; 0 = the study's population (DyNAS-T: 50). */
  readonly batchSize: number;
  /** Random architectures validated before the first model is fitted; 0 = one batch. */
  readonly initialSize: number;
  /**
   * How those first architectures are drawn: 'random' (each gene uniform) or 'balanced' (each gene's choices
   * used equally often across the batch, in an independent random order per gene, as in a Latin hypercube:
   * the first models see every choice of every gene). Pools are always sampled at random.
   */
  readonly initialDesign: string;
  /** Population of the inner NSGA-II; 0 = the batch size. */
  readonly innerPopulation: number;
  /** Start the inner NSGA-II from the validated architectures (with their predicted values) instead of at random. */
  readonly warmStart: boolean;
  /** Fit each iteration's models on a bootstrap resample of the validated set (a Thompson-like random draw). */
  readonly bootstrap: boolean;
  /**
   * Batch slots given to unseen single-gene neighbours of the validated front, picked by greedy predicted
   * hypervolume improvement over that front (0 = none): refines the front where it is already known. In an
   * exhaustive batch (see enumerateLimit) they come after the hviSlots picks.
   */
  readonly localCount: number;
  /**
   * Spaces (or pools) with at most this many architectures are searched exhaustively on the predictions
   * instead of by the inner NSGA-II: every unseen architecture is predicted and the batch is filled front by
   * front, the last front by crowding distance (0 = always the inner NSGA-II).
   */
  readonly enumerateLimit: number;
  /**
   * Batch slots per objective given to unseen single-gene neighbours of the validated front's best member in
   * that objective (its end of the front), best predicted first (0 = none): the ends of a front hold most of
   * its hypervolume and are where predictors are least sure.
   */
  readonly endNeighbours: number;
  /**
   * How the end slots (endNeighbours x objectives) are shared: 'even' (endNeighbours per objective) or 'gain'
   * (one per objective, the rest in proportion to the hypervolume each end's picks added lately: an end that
   * keeps paying gets more tickets, one that has stopped paying keeps a single one).
   */
  readonly endAllocation: string;
  /**
   * An end slot takes only a neighbour predicted to reach past that end: better in its objective than the end's
   * validated value by at least this fraction of the objective's observed range (0 = any neighbour). Slots no
   * neighbour qualifies for go to the rest of the batch: once an end stops moving, improving the points at it
   * adds almost no hypervolume (a front's step at its end is narrow).
   */
  readonly endMargin: number;
  /** Ends endMargin applies to: 'all', or 'costs' (the hardware costs' ends, as oneHotModelsFor counts them). */
  readonly endMarginFor: string;
  /** Predictor features: 'space' = what the space's owner offers when it offers any, else 'one-hot' of active genes. */
  readonly features: string;
  /**
   * Never propose an architecture the space's owner knows to be degenerate (FeatureEncoder.degenerate, e.g. an
   * NB201 cell whose output is constant); only with features 'space'.
   */
  readonly skipDegenerate: boolean;
  /**
   * Objectives offered the models named '/one-hot': 'all', or 'costs' = those the study declares cheaper than a
   * validation (cost < 1), or when none declares a cost every objective but the first (by carve's convention the
   * accuracy a validation pays for; the later ones are hardware costs). Models named '/counts' are offered for
   * the costs only, whatever this says.
   */
  readonly oneHotModelsFor: string;
  /**
   * Slots of an exhaustive batch (see enumerateLimit) chosen first by greedy predicted hypervolume improvement
   * over the validated front (scaled to the observed ranges), the rest front by front as usual (0 = none).
   */
  readonly hviSlots: number;
  /**
   * Optimism of the hviSlots picks: every predicted objective is scored this much better than predicted, in
   * units of its observed range (0 = at the prediction). A candidate predicted just behind the validated front
   * is then worth a ticket where a gap of the front makes its possible gain large, and little where it is not.
   */
  readonly hviOptimism: number;
  /**
   * Slots of an exhaustive batch (two objectives only) chosen first by greedy expected hypervolume improvement
   * when each candidate's outcome is its prediction plus one of the out-of-fold residuals of its
   * `residualNeighbours` nearest validated predictions, every pairing of the objectives' residuals equally
   * likely: where measurements are noisy, the lucky draws that make up the true front are worth a ticket
   * (0 = none; taken after hviSlots).
   */
  readonly noisySlots: number;
  /** Residuals per objective behind each candidate's outcomes in noisySlots. */
  readonly residualNeighbours: number;
  /**
   * How the offered models make one prediction: 'select' the best by cross-validated tau, or 'stack' them with
   * non-negative weights fitted on their out-of-fold predictions.
   */
  readonly combineModels: string;
  /**
   * Optimism about architectures far from everything validated, in the exhaustive fill (see enumerateLimit): a
   * candidate whose nearest validated architecture differs in d genes has each predicted objective scored
   * noveltyBonus x (d - 1), at most 2, typical out-of-fold errors better than predicted (the median absolute
   * out-of-fold residual of that objective's model). A model fitted on a run's own picks is least sure, and
   * often pessimistic, where the run has no neighbours (0 = none).
   */
  readonly noveltyBonus: number;
  /** Objectives the novelty bonus applies to: 'all', 'accuracy' (all but the hardware costs) or 'costs' (those only). */
  readonly noveltyFor: string;
  /**
   * Use the space's zero-cost proxy (FeatureEncoder.proxy, e.g. NB201's closed-form signal gain): the feature rows
   * carry it as one more column after the main features, and the 'proxy+' models (a least-squares trend on that
   * column with an RBF SVR over the other columns on its residuals) are offered for the objectives that are not
   * hardware costs (see oneHotModelsFor). No other model sees the column. A space without a proxy changes nothing
   * and is offered no 'proxy+' model.
   */
  readonly proxy: boolean;
  /**
   * Never validate an architecture that computes the same function as one already validated or chosen
   * (FeatureEncoder.functionKey, e.g. NB201 cells that differ only in operations no output reads) unless it is
   * predicted cheaper in some hardware cost by more than redrawMargin of that cost's observed range (prediction
   * against prediction); of several unseen ones with one function the cheapest is taken. Their accuracies differ
   * by training noise alone. The end slots of hardware costs (endNeighbours) are exempt: a cost's end moves by
   * cheaper versions of the same function, by amounts a model fitted on a few of them cannot resolve. A space
   * without function keys changes nothing.
   */
  readonly skipRedraws: boolean;
  /** See skipRedraws: how much cheaper, as a fraction of each cost's observed range. */
  readonly redrawMargin: number;
  /**
   * Where skipRedraws applies: 'all' (the fill and the accuracy's end slots) or 'ends' (the accuracy's end slots
   * only: the most accurate member's other versions re-draw its training noise and cannot move the end otherwise).
   */
  readonly redrawScope: string;
  /**
   * The order in which a batch is handed out for validation (what is in it does not change): 'chosen' (end slots,
   * then the fill as picked), 'hvi' (greedy predicted hypervolume improvement over the validated front, each pick
   * joining the front at its prediction; the rest by closeness to the front) or 'ends-hvi' (the end slots first,
   * then the fill in that greedy order). Validations run one after another on most evaluators, so the ones
   * predicted to add most go first.
   */
  readonly batchOrder: string;
}

export const LINAS_DEFAULTS: LinasOptions = {
  innerEvaluations: 5000,
  models: ['ridge', 'svr'],
  folds: 5,
  batchSize: 0,
  initialSize: 0,
  initialDesign: 'random',
  innerPopulation: 0,
  warmStart: false,
  bootstrap: false,
  localCount: 0,
  enumerateLimit: 0,
  endNeighbours: 0,
  endAllocation: 'even',
  endMargin: 0,
  endMarginFor: 'all',
  features: 'one-hot',
  skipDegenerate: false,
  oneHotModelsFor: 'all',
  hviSlots: 0,
  hviOptimism: 0,
  noisySlots: 0,
  residualNeighbours: 8,
  combineModels: 'select',
  noveltyBonus: 0,
  noveltyFor: 'all',
  proxy: false,
  skipRedraws: false,
  redrawMargin: 0.01,
  redrawScope: 'all',
  batchOrder: 'chosen',
};

/**
 * carve's refinement of the same loop: a random first batch of 20, then small batches (10), so the predictors
 * are refitted after every 10 validations instead of 50; models trained on target ranks (robust to the heavy tail of failed
 * architectures, e.g. NB201's 90%-error cells) on the space's own features when it offers them (an NB201
 * cell's effective operations), beside a ridge on the plain one-hot (hardware costs add up over the
 * operations as written, and a linear model extrapolates to cells faster than any seen), chosen per
 * objective by cross-validated Kendall tau; spaces of up to 20,000
 * architectures predicted exhaustively instead of by the inner NSGA-II; two slots per objective for
 * unseen neighbours of that objective's end of the validated front; four slots for the candidates of greatest
 * predicted hypervolume improvement over the validated front (greedy, each pick joining the front); no validation ever spent on an
 * architecture the space's owner knows to be degenerate (an NB201 cell whose output is constant); and, when the
 * space offers a zero-cost proxy (NB201's closed-form signal gain), models of the accuracy that follow the proxy
 * where they have no data ('proxy+svr', with standardised and with rank targets) offered beside the others.
 * On a space without a proxy the 'proxy+' models are not offered and the rest is as before. Each batch is handed
 * out in greedy order of predicted hypervolume improvement, so a sequential evaluator validates first what is
 * predicted to add most (the models still learn it in the order it was chosen).
 */
export const CARVE_DEFAULTS: LinasOptions = {
  ...LINAS_DEFAULTS,
  models: ['proxy+svr', 'proxy+svr-rank', 'svr-rank', 'ridge-rank', 'ridge/one-hot'],
  proxy: true,
  batchSize: 10,
  initialSize: 20,
  features: 'space',
  enumerateLimit: 20000,
  endNeighbours: 2,
  hviSlots: 4,
  skipDegenerate: true,
  batchOrder: 'hvi',
};

/** Every architecture of a small space (or pool), with its key and predictor features, computed once. */
interface Enumerated {
  readonly genomes: Genome[];
  readonly keys: string[];
  readonly features: Float64Array[];
}

/** Predicted (or exactly computed) minimisation-form objectives of genomes; features when already encoded. */
type Estimate = (genomes: readonly Genome[], keys: readonly string[], encoded?: readonly Float64Array[]) => number[][];

/** What skipRedraws compares candidates with: the validated architectures' functions and predicted costs. */
interface KnownFunctions {
  readonly functionKey: (genome: Genome) => string;
  readonly estimate: Estimate;
  /** The hardware costs of a predicted objective vector. */
  readonly costsOf: (vector: readonly number[]) => number[];
  readonly keys: readonly string[];
  readonly costs: readonly (readonly number[])[];
  readonly tolerance: readonly number[];
}

/** Per objective: out-of-fold residuals of the validated architectures predicted nearest a value (null: exact). */
type Residuals = readonly (ResidualSample | null)[];

export class LinasTactic implements Tactic {
  readonly name: string;
  private readonly context: TacticContext;
  private readonly options: LinasOptions;
  private readonly archive: ObservationArchive;
  private readonly encoder;
  private first = true;
  private lastModels: { objective: string; model: string; cvKendallTau: number | null; cvRmse: number | null }[] | undefined;

  private readonly batchSize: number;

  constructor(context: TacticContext, name = 'linas', defaults: LinasOptions = LINAS_DEFAULTS) {
    this.name = name;
    this.context = context;
    this.options = readTacticOptions(name, defaults, context.options);
    this.batchSize = this.options.batchSize > 0 ? this.options.batchSize : context.populationSize;
    if (this.options.features !== 'space' && this.options.features !== 'one-hot') {
      throw badInput(`tacticOptions.features`, `unknown features "${this.options.features}"`, "choose 'space' or 'one-hot'");
    }
    if (!(this.options.endMargin >= 0 && this.options.endMargin < 1)) {
      throw badInput('tacticOptions.endMargin', `${this.options.endMargin} is not in [0, 1)`, 'give a fraction of the observed range, e.g. 0.01 (default 0)');
    }
    if (!(this.options.hviOptimism >= 0 && this.options.hviOptimism < 1)) {
      throw badInput('tacticOptions.hviOptimism', `${this.options.hviOptimism} is not in [0, 1)`, 'give a fraction of the observed range, e.g. 0.01 (default 0)');
    }
    if (!Number.isInteger(this.options.residualNeighbours) || this.options.residualNeighbours < 1) {
      throw badInput('tacticOptions.residualNeighbours', `${this.options.residualNeighbours} is not a positive integer`, 'give 1 or more (default 8)');
    }
    checkChoice('endAllocation', this.options.endAllocation, ['even', 'gain']);
    checkChoice('redrawScope', this.options.redrawScope, ['all', 'ends']);
    checkChoice('batchOrder', this.options.batchOrder, ['chosen', 'hvi', 'ends-hvi']);
    checkChoice('initialDesign', this.options.initialDesign, ['random', 'balanced']);
    checkChoice('combineModels', this.options.combineModels, ['select', 'stack']);
    checkChoice('oneHotModelsFor', this.options.oneHotModelsFor, ['all', 'costs']);
    checkChoice('endMarginFor', this.options.endMarginFor, ['all', 'costs']);
    checkChoice('noveltyFor', this.options.noveltyFor, ['all', 'accuracy', 'costs']);
    if (!(this.options.noveltyBonus >= 0 && Number.isFinite(this.options.noveltyBonus))) {
      throw badInput('tacticOptions.noveltyBonus', `${this.options.noveltyBonus} is not a finite number >= 0`, 'give a multiple of the typical error, e.g. 1 (default 0)');
    }
    if (!(Number.isFinite(this.options.redrawMargin) && this.options.redrawMargin >= 0 && this.options.redrawMargin < 1)) {
      throw badInput('tacticOptions.redrawMargin', `${this.options.redrawMargin} is not in [0, 1)`, 'give a fraction of the observed range, e.g. 0.01 (default 0.01)');
    }
    const spaceFeatures =
      this.options.features === 'space' && context.features !== undefined ? context.features : createEncoder(context.space, 'one-hot');
    const declared = context.objectives.some((objective) => objective.cost !== undefined);
    this.isCost = context.objectives.map((objective, index) => (declared ? objective.cost !== undefined && objective.cost < 1 : index > 0));
    // The proxy serves the accuracy only: a study of hardware costs alone never computes it.
    const accuracyModelled = this.isCost.some((isCost) => !isCost);
    const proxied = this.options.proxy && spaceFeatures.proxy !== undefined && accuracyModelled;
    const main = proxied ? withProxyColumn(spaceFeatures) : spaceFeatures;
    const models = proxied ? this.options.models : this.options.models.filter((name) => !name.startsWith(PROXY_PREFIX));
    if (models.length === 0) {
      const why = !this.options.proxy
        ? 'tacticOptions.proxy is off'
        : spaceFeatures.proxy === undefined
          ? 'the space offers no zero-cost proxy'
          : 'every objective is a hardware cost, which the proxy does not model';
      throw badInput('tacticOptions.models', `every model named needs a proxy column, but ${why}`, `name a model without the ${PROXY_PREFIX} prefix too`);
    }
    const viewed = modelViews(main, context.space, models, context.costFeatures, proxied, spaceFeatures.kind === 'one-hot');
    this.encoder = viewed.encoder;
    this.modelFactories = viewed.factories;
    const offered = viewed.offered;
    this.modelsByObjective = context.objectives.map((_, index) => {
      const isCost = this.isCost[index] === true;
      if (isCost) {
        // A zero-cost proxy orders accuracy, not what hardware pays: the 'proxy+' models serve the accuracy only.
        const kept = offered.filter((name) => !name.startsWith(PROXY_PREFIX));
        return kept.length > 0 ? kept : offered;
      }
      // Cost features ('/counts') describe what hardware pays for: offered for the costs only.
      const dropped = (name: string): boolean => name.endsWith(COUNTS_SUFFIX) || (this.options.oneHotModelsFor === 'costs' && name.endsWith(ONE_HOT_SUFFIX));
      const kept = offered.filter((name) => !dropped(name));
      return kept.length > 0 ? kept : offered;
    });
    this.archive = new ObservationArchive(this.encoder);
    const degenerate = this.options.skipDegenerate ? this.encoder.degenerate?.bind(this.encoder) : undefined;
    this.skip = degenerate ?? ((): boolean => false);
    const functionKey = spaceFeatures.functionKey?.bind(spaceFeatures);
    this.functionKey = this.options.skipRedraws ? functionKey : undefined;
  }

  /** Function key of an architecture when re-draws are skipped (see skipRedraws); undefined otherwise. */
  private readonly functionKey: ((genome: Genome) => string) | undefined;

  /** Per objective: a hardware cost (declared cheaper than a validation, or when none is declared, not the first). */
  private readonly isCost: readonly boolean[];

  /** Model candidates offered to each objective (see oneHotModelsFor). */
  private readonly modelsByObjective: readonly (readonly string[])[];

  /** Factories of the offered models, each on its own columns of the archive's features. */
  private readonly modelFactories: ReadonlyMap<string, PredictorFactory>;

  /** True for an architecture never worth a validation (known degenerate, when asked to skip those). */
  private readonly skip: (genome: Genome) => boolean;

  propose(_context: ProposalContext): Genome[] {
    const { space, rng } = this.context;
    const populationSize = this.batchSize;
    if (this.first || this.archive.size < 2) {
      this.first = false;
      const size = this.options.initialSize > 0 ? this.options.initialSize : populationSize;
      if (this.options.initialDesign === 'balanced' && this.context.pool === undefined) {
        const design = this.balancedNew(size);
        const taken = new Set(design.map((genome) => space.key(genome)));
        return this.ordered([], [...design, ...this.randomNew(size - design.length, taken)]);
      }
      return this.ordered([], this.randomNew(size));
    }
    // Objectives the study can compute exactly (cost 0: MACs, params, cheap lookups) are computed, not predicted.
    const exact = this.context.exact;
    const exactPosition = new Map<number, number>((exact?.indices ?? []).map((objective, position) => [objective, position]));
    let rows = this.archive.features.map((_, index) => index);
    if (this.options.bootstrap) {
      const drawRng = rng.fork();
      rows = rows.map(() => drawRng.int(this.archive.size));
    }
    const trainFeatures = rows.map((row) => this.archive.features[row] as Float64Array);
    const models: (ObjectiveModel | null)[] = this.context.objectives.map((_, objective) => {
      if (exactPosition.has(objective)) return null;
      const targets = this.archive.targets(objective);
      return fitObjectiveModel(
        trainFeatures,
        rows.map((row) => targets[row] as number),
        {
          candidates: this.modelsByObjective[objective] as readonly string[],
          folds: this.options.folds,
          ensembleMembers: 0,
          factories: this.modelFactories,
          combine: this.options.combineModels as 'select' | 'stack',
        },
        rng.fork(),
      );
    });
    this.lastModels = models.map((model, objective) => ({
      objective: this.context.objectives[objective]?.name ?? String(objective),
      model: model === null ? 'exact' : model.name,
      cvKendallTau: model === null ? null : model.cvKendallTau,
      cvRmse: model === null ? null : model.cvRmse,
    }));
    const estimate = (genomes: readonly Genome[], keys: readonly string[], encoded?: readonly Float64Array[]): number[][] => {
      const features = encoded ?? genomes.map((genome) => this.encoder.encode(genome));
      const means = models.map((model) => (model === null ? null : model.predict(features).mean));
      const computed = exact === undefined ? null : exact.evaluate(genomes, keys);
      return genomes.map((_, index) =>
        models.map((_model, objective) => {
          const mean = means[objective];
          if (mean !== null && mean !== undefined) return mean[index] as number;
          const row = computed?.[index];
          // A candidate the exact path cannot compute is pushed behind every computable one.
          return row === null || row === undefined ? Number.POSITIVE_INFINITY : (row[exactPosition.get(objective) as number] as number);
        }),
      );
    };
    const quotas = this.endQuotas();
    this.lastEndSlots = this.options.endNeighbours > 0 ? quotas : undefined;
    const known = this.knownFunctions(estimate);
    const ends = this.options.endNeighbours > 0 ? this.endPicks(quotas, estimate, known) : [];
    const fillKnown = this.options.redrawScope === 'ends' ? undefined : known;
    const everything = this.enumerable();
    if (everything !== null) {
      const endKeys = new Set(ends.map((genome) => space.key(genome)));
      // Out-of-fold residuals, sorted by prediction, only when noisySlots will read them.
      const residuals: Residuals = models.map((model, objective) => {
        if (this.options.noisySlots <= 0 || model === null || model.outOfFold === null) return null;
        const targets = this.archive.targets(objective);
        return residualSample(model.outOfFold, rows.map((row) => targets[row] as number));
      });
      const spreads = models.map((model, objective) => {
        if (this.options.noveltyBonus <= 0 || model === null || model.outOfFold === null) return 0;
        if (this.options.noveltyFor === 'accuracy' && this.isCost[objective] === true) return 0;
        if (this.options.noveltyFor === 'costs' && this.isCost[objective] !== true) return 0;
        const targets = this.archive.targets(objective);
        return medianAbsoluteResidual(model.outOfFold, rows.map((row) => targets[row] as number));
      });
      return this.ordered(ends, this.enumeratedPicks(everything, estimate, populationSize - ends.length, ends, endKeys, residuals, spreads, fillKnown), estimate);
    }
    const innerPopulation = this.options.innerPopulation > 0 ? this.options.innerPopulation : populationSize;
    const inner = new Nsga2Algorithm({
      space,
      rng: rng.fork(),
      populationSize: innerPopulation,
      objectiveCount: models.length,
      crossover: new SimulatedBinaryCrossover({ probability: 0.9, eta: 15 }),
      mutation: new PolynomialMutation({ probability: 0.02, eta: 20 }),
    });
    if (this.options.warmStart) {
      const values = estimate(this.archive.genomes, this.archive.keys);
      inner.tell(
        this.archive.genomes.map((genome, index) => ({
          genome,
          key: this.archive.keys[index] as string,
          objectives: values[index] as number[],
          violation: 0,
        })),
      );
    }
    const visited = new Map<string, Individual>();
    const result = minimize(
      inner,
      (genomes, givenKeys) => {
        const keys = givenKeys ?? genomes.map((genome) => space.key(genome));
        const values = estimate(genomes, keys);
        return genomes.map((genome, index) => {
          const individual: Individual = {
            genome,
            key: keys[index] as string,
            objectives: values[index] as number[],
            violation: 0,
          };
          visited.set(individual.key, individual);
          return individual;
        });
      },
      new EvaluationTermination(this.options.innerEvaluations),
    );
    // Local refinement first (when asked for), then the final population, then the best-ranked other
    // visited candidates; never a validated one.
    const chosen: Genome[] = [...ends];
    const taken = new Set<string>(ends.map((genome) => space.key(genome)));
    if (this.options.localCount > 0) {
      for (const genome of this.localPicks(Math.min(this.options.localCount, populationSize), estimate)) {
        taken.add(space.key(genome));
        chosen.push(genome);
      }
    }
    const fresh = (individual: Individual): boolean => !this.archive.seen.has(individual.key) && !taken.has(individual.key) && !this.skip(individual.genome);
    const firstPicks = result.population.filter(fresh);
    const firstWorth = this.worth(firstPicks.map((individual) => individual.genome), firstPicks.map((individual) => individual.objectives), fillKnown);
    for (const [index, individual] of firstPicks.entries()) {
      if (chosen.length >= populationSize) break;
      if (taken.has(individual.key) || firstWorth[index] !== true) continue;
      taken.add(individual.key);
      chosen.push(individual.genome);
    }
    if (chosen.length < populationSize) {
      const unfiltered = [...visited.values()].filter(fresh);
      const restWorth = this.worth(unfiltered.map((individual) => individual.genome), unfiltered.map((individual) => individual.objectives), fillKnown, chosen);
      const rest = unfiltered.filter((_, index) => restWorth[index] === true);
      for (const front of nonDominatedSort(rest.map((individual) => [...individual.objectives]))) {
        for (const index of front) {
          if (chosen.length >= populationSize) break;
          const individual = rest[index] as Individual;
          taken.add(individual.key);
          chosen.push(individual.genome);
        }
        if (chosen.length >= populationSize) break;
      }
    }
    if (chosen.length < populationSize) chosen.push(...this.randomNew(populationSize - chosen.length, taken));
    return this.ordered(ends, chosen.slice(ends.length), estimate);
  }

  /** The batch (end slots, then the fill) in the order of batchOrder; a batch chosen without models keeps its order. */
  private ordered(ends: readonly Genome[], fill: readonly Genome[], estimate?: Estimate): Genome[] {
    const order = this.options.batchOrder;
    this.chosenOrder = null;
    if (order === 'chosen') return [...ends, ...fill];
    this.chosenOrder = new Map([...ends, ...fill].map((genome, index) => [this.context.space.key(genome), index]));
    if (estimate === undefined) return [...ends, ...fill];
    const head = order === 'hvi' ? [] : [...ends];
    const tail = order === 'hvi' ? [...ends, ...fill] : [...fill];
    if (tail.length < 2) return [...head, ...tail];
    const predicted = estimate(tail, tail.map((genome) => this.context.space.key(genome))).map((vector) =>
      vector.map((value) => (Number.isFinite(value) ? value : Number.MAX_VALUE)),
    );
    const picks = this.hviPicks(predicted, tail.length);
    if (picks.length !== tail.length) return [...head, ...tail];
    return [...head, ...picks.map((index) => tail[index] as Genome)];
  }

  observe(batch: readonly Observation[]): void {
    // Learned from in the order the batch was chosen: batchOrder changes when each is validated, never what
    // the models see (the order of training rows decides the cross-validation folds).
    const chosenAt = this.chosenOrder;
    const rows = chosenAt === null ? batch : [...batch].sort((a, b) => (chosenAt.get(a.key) ?? chosenAt.size) - (chosenAt.get(b.key) ?? chosenAt.size));
    this.chosenOrder = null;
    if (this.options.endAllocation === 'gain' && this.endOrigin.size > 0) this.creditEnds(rows);
    this.archive.add(rows);
  }

  /** Position of each key of the last batch as chosen, when batchOrder handed it out in another order. */
  private chosenOrder: Map<string, number> | null = null;

  /** End slots per objective of the last proposal (for describeLastProposal). */
  private lastEndSlots: number[] | undefined;

  /** Per objective: smoothed hypervolume its end picks added (see endAllocation 'gain'). */
  private readonly endCredit: number[] = [];
  /** The objective whose end each pending end pick came from, by key. */
  private readonly endOrigin = new Map<string, number>();

  /** End slots per objective (see endAllocation). */
  private endQuotas(): number[] {
    const objectiveCount = this.context.objectives.length;
    const per = this.options.endNeighbours;
    const even = Array.from({ length: objectiveCount }, () => per);
    if (this.options.endAllocation !== 'gain') return even;
    const credit = Array.from({ length: objectiveCount }, (_, objective) => this.endCredit[objective] ?? 0);
    const total = credit.reduce((sum, value) => sum + value, 0);
    if (!(total > 0)) return even;
    const spare = per * objectiveCount - objectiveCount;
    const shares = credit.map((value) => (spare * value) / total);
    const quotas = shares.map((share) => 1 + Math.floor(share));
    let left = per * objectiveCount - quotas.reduce((sum, value) => sum + value, 0);
    const order = shares.map((share, objective) => ({ objective, rest: share - Math.floor(share) })).sort((a, b) => b.rest - a.rest || a.objective - b.objective);
    for (const { objective } of order) {
      if (left <= 0) break;
      quotas[objective] = (quotas[objective] as number) + 1;
      left -= 1;
    }
    return quotas;
  }

  /**
   * Credits each end with the hypervolume its picks in `batch` add to the validated front as it was before the
   * batch (objectives scaled to the ranges observed so far), after halving what it had.
   */
  private creditEnds(batch: readonly Observation[]): void {
    const objectiveCount = this.context.objectives.length;
    const before = this.archive.objectives.filter((_, index) => (this.archive.violations[index] as number) === 0);
    const feasibleBatch = batch.filter((observation) => observation.violation === 0 && observation.objectives !== null);
    const everything = [...before, ...feasibleBatch.map((observation) => observation.objectives as readonly number[])];
    for (let objective = 0; objective < objectiveCount; objective += 1) this.endCredit[objective] = 0.5 * (this.endCredit[objective] ?? 0);
    if (everything.length === 0) {
      this.endOrigin.clear();
      return;
    }
    const { scale } = rangeScaling(everything, objectiveCount);
    const picks = feasibleBatch.filter((observation) => this.endOrigin.has(observation.key));
    const gains = hypervolumeImprovements(
      before.map(scale),
      picks.map((observation) => scale(observation.objectives as readonly number[])),
      Array.from({ length: objectiveCount }, () => 1.1),
    );
    picks.forEach((observation, index) => {
      const objective = this.endOrigin.get(observation.key) as number;
      this.endCredit[objective] = (this.endCredit[objective] as number) + (gains[index] as number);
    });
    this.endOrigin.clear();
  }

  describeLastProposal(): Readonly<Record<string, unknown>> | undefined {
    const models = this.lastModels;
    this.lastModels = undefined;
    if (models === undefined) return undefined;
    const exact = this.context.exact;
    const endSlots = this.lastEndSlots;
    this.lastEndSlots = undefined;
    return {
      observed: this.archive.size,
      models,
      ...(endSlots === undefined ? {} : { endSlots }),
      ...(exact === undefined ? {} : { exactQueries: exact.queries }),
    };
  }

  private enumerated: Enumerated | null | undefined;

  /** Per enumerated architecture: genes it differs in from the nearest validated one (255 before any). */
  private nearest: Uint8Array | undefined;
  /** Validated architectures already folded into `nearest`, in archive order. */
  private nearestFolded = 0;

  /** Hamming distances (genes) from every enumerated architecture to its nearest validated one, kept up to date. */
  private distancesToValidated(everything: Enumerated): Uint8Array {
    if (this.nearest === undefined) this.nearest = new Uint8Array(everything.genomes.length).fill(255);
    const nearest = this.nearest;
    const genomes = this.archive.genomes;
    for (; this.nearestFolded < genomes.length; this.nearestFolded += 1) {
      const validated = genomes[this.nearestFolded] as Genome;
      everything.genomes.forEach((genome, index) => {
        let differ = 0;
        for (let gene = 0; gene < genome.length; gene += 1) if (genome[gene] !== validated[gene]) differ += 1;
        if (differ < (nearest[index] as number)) nearest[index] = differ;
      });
    }
    return nearest;
  }

  /** Every architecture of the space (or pool) when it is small enough to predict exhaustively, else null. */
  private enumerable(): Enumerated | null {
    if (this.enumerated !== undefined) return this.enumerated;
    const { space, pool } = this.context;
    const limit = this.options.enumerateLimit;
    let result: Enumerated | null = null;
    if (limit > 0) {
      if (pool !== undefined) {
        if (pool.length <= limit) {
          const byKey = new Map<string, Genome>();
          for (const genome of pool) {
            const canonical = space.canonicalize(genome);
            byKey.set(space.key(canonical), canonical);
          }
          const genomes = [...byKey.values()];
          result = { genomes, keys: [...byKey.keys()], features: genomes.map((genome) => this.encoder.encode(genome)) };
        }
      } else if (space.cardinality() <= BigInt(limit)) {
        const genomes = [...enumerateGenomes(space)];
        result = { genomes, keys: genomes.map((genome) => space.key(genome)), features: genomes.map((genome) => this.encoder.encode(genome)) };
      }
    }
    this.enumerated = result;
    return result;
  }

  /** The batch from exhaustive predictions: unseen architectures front by front, the last by crowding distance. */
  private enumeratedPicks(
    everything: Enumerated,
    estimate: Estimate,
    count: number,
    ends: readonly Genome[],
    taken: ReadonlySet<string>,
    residuals: Residuals,
    spreads: readonly number[],
    known: KnownFunctions | undefined,
  ): Genome[] {
    const candidates: number[] = [];
    everything.keys.forEach((key, index) => {
      if (!this.archive.seen.has(key) && !taken.has(key) && !this.skip(everything.genomes[index] as Genome)) candidates.push(index);
    });
    const allPredicted = estimate(
      candidates.map((index) => everything.genomes[index] as Genome),
      candidates.map((index) => everything.keys[index] as string),
      candidates.map((index) => everything.features[index] as Float64Array),
    ).map((vector) => vector.map((value) => (Number.isFinite(value) ? value : Number.MAX_VALUE)));
    // With skipRedraws, versions of a function validated or taken by the end slots drop out (see worth).
    const worth = known === undefined ? null : this.worth(candidates.map((index) => everything.genomes[index] as Genome), allPredicted, known, ends);
    const unseen = worth === null ? candidates : candidates.filter((_, position) => worth[position] === true);
    const predicted = worth === null ? allPredicted : allPredicted.filter((_, position) => worth[position] === true);
    const genomes = unseen.map((index) => everything.genomes[index] as Genome);
    if (spreads.some((spread) => spread > 0)) {
      const distance = this.distancesToValidated(everything);
      unseen.forEach((index, position) => {
        const far = Math.min(2, Math.max(0, (distance[index] as number) - 1));
        if (far === 0) return;
        const vector = predicted[position] as number[];
        spreads.forEach((spread, objective) => {
          if (spread > 0 && vector[objective] !== Number.MAX_VALUE) vector[objective] = (vector[objective] as number) - this.options.noveltyBonus * spread * far;
        });
      });
    }
    // Greedy predicted hypervolume improvement first when asked for, then expected improvement under the
    // models' residuals, then the rest front by front.
    const picks = this.options.hviSlots > 0 ? this.hviPicks(predicted, Math.min(this.options.hviSlots, count), this.options.hviOptimism) : [];
    if (this.options.noisySlots > 0) {
      const already = new Set(picks);
      const others = predicted.map((_, index) => index).filter((index) => !already.has(index));
      const noisy = this.noisyPicks(
        others.map((index) => predicted[index] as number[]),
        residuals,
        Math.min(this.options.noisySlots, count - picks.length),
      );
      picks.push(...noisy.map((at) => others[at] as number));
    }
    if (this.options.localCount > 0 && picks.length < count) {
      picks.push(...this.localEnumeratedPicks(unseen.map((index) => everything.keys[index] as string), predicted, picks, Math.min(this.options.localCount, count - picks.length)));
    }
    const picked = new Set(picks);
    const rest = predicted.map((_, index) => index).filter((index) => !picked.has(index));
    return [...picks, ...fillByFronts(rest.map((index) => predicted[index] as number[]), count - picks.length).map((at) => rest[at] as number)].map(
      (index) => genomes[index] as Genome,
    );
  }

  /**
   * Positions (in `keys` / `predicted`, the unseen candidates of an exhaustive batch) of up to `count` unseen
   * single-gene neighbours of the validated front not already in `picked`, by greedy predicted HV improvement.
   */
  private localEnumeratedPicks(keys: readonly string[], predicted: readonly (readonly number[])[], picked: readonly number[], count: number): number[] {
    if (count <= 0) return [];
    const neighbours = this.frontNeighbours();
    const already = new Set(picked);
    const positions = keys.flatMap((key, position) => (neighbours.has(key) && !already.has(position) ? [position] : []));
    if (positions.length === 0) return [];
    const chosen = this.hviPicks(positions.map((position) => predicted[position] as number[]), count);
    return chosen.map((at) => positions[at] as number);
  }

  /**
   * Indices of `predicted` (finite, minimisation form) picked by greedy predicted HV improvement over the
   * validated feasible front, everything scaled to the observed ranges.
   */
  private hviPicks(predicted: readonly (readonly number[])[], count: number, optimism = 0): number[] {
    const feasible = this.archive.objectives.filter((_, index) => (this.archive.violations[index] as number) === 0);
    if (feasible.length === 0) return [];
    const objectiveCount = this.context.objectives.length;
    const { scale } = rangeScaling(feasible, objectiveCount);
    const means = predicted.map(scale);
    const exact = new Set(this.context.exact?.indices ?? []);
    const shift = Array.from({ length: objectiveCount }, (_, objective) => (exact.has(objective) ? 0 : optimism));
    return selectBatch({
      observed: feasible.map(scale),
      means,
      stds: means.map(() => shift),
      reference: Array.from({ length: objectiveCount }, () => 1.1),
      batchSize: count,
      kappa: optimism > 0 ? 1 : 0,
    });
  }

  /**
   * Indices of `predicted` (finite, minimisation form, two objectives) by greedy expected HV improvement over the
   * validated feasible front when each outcome is the prediction plus a nearby out-of-fold residual (see
   * noisySlots), everything scaled to the observed ranges; none with other than two objectives.
   */
  private noisyPicks(predicted: readonly (readonly number[])[], residuals: Residuals, count: number): number[] {
    if (this.context.objectives.length !== 2 || count <= 0) return [];
    const feasible = this.archive.objectives.filter((_, index) => (this.archive.violations[index] as number) === 0);
    if (feasible.length === 0) return [];
    const { scale, spans } = rangeScaling(feasible, 2);
    const exactOnly = Float64Array.of(0);
    const neighbours = this.options.residualNeighbours;
    const residualsOf = (objective: 0 | 1) => {
      const sample = residuals[objective];
      const span = spans[objective] as number;
      return (candidate: number): Float64Array => {
        if (sample === null || sample === undefined) return exactOnly;
        const near = nearestResiduals(sample, predicted[candidate]?.[objective] as number, neighbours);
        for (let index = 0; index < near.length; index += 1) near[index] = (near[index] as number) / span;
        return near;
      };
    };
    return noisyHviPicks({
      observed: feasible.map(scale),
      means: predicted.map(scale),
      residuals: [residualsOf(0), residualsOf(1)],
      reference: [1.1, 1.1],
      batchSize: count,
    });
  }

  /** Unseen single-gene neighbours of the validated feasible front's members, by key (empty before any feasible one). */
  private frontNeighbours(): Map<string, Genome> {
    const neighbours = new Map<string, Genome>();
    const feasible = this.archive.objectives.map((_, index) => index).filter((index) => (this.archive.violations[index] as number) === 0);
    const front = paretoFrontIndices(feasible.map((index) => [...(this.archive.objectives[index] as readonly number[])]));
    for (const member of front) this.addUnseenNeighbours(this.archive.genomes[feasible[member] as number] as Genome, neighbours);
    return neighbours;
  }

  /** Unseen single-gene neighbours of the validated front with the largest greedy predicted HV improvement. */
  private localPicks(count: number, estimate: Estimate): Genome[] {
    const neighbours = this.frontNeighbours();
    if (neighbours.size === 0) return [];
    const keys = [...neighbours.keys()];
    const genomes = keys.map((key) => neighbours.get(key) as Genome);
    const predicted = estimate(genomes, keys).map((vector) => vector.map((value) => (Number.isFinite(value) ? value : Number.MAX_VALUE)));
    const picks = this.hviPicks(predicted, count);
    return picks.map((index) => genomes[index] as Genome);
  }

  /**
   * The validated architectures' function keys with their predicted costs and the tolerance of skipRedraws;
   * undefined when re-draws are not skipped (the option is off or the space offers no function key).
   */
  private knownFunctions(estimate: Estimate): KnownFunctions | undefined {
    const functionKey = this.functionKey;
    if (functionKey === undefined || this.archive.size === 0) return undefined;
    const costObjectives = this.isCost.flatMap((isCost, objective) => (isCost ? [objective] : []));
    const predicted = estimate(this.archive.genomes, this.archive.keys, this.archive.features);
    const costsOf = (vector: readonly number[]): number[] => costObjectives.map((objective) => vector[objective] as number);
    const tolerance = costObjectives.map((objective) => {
      const values = this.archive.objectives.map((vector) => vector[objective] as number).filter(Number.isFinite);
      return values.length === 0 ? 0 : this.options.redrawMargin * (Math.max(...values) - Math.min(...values));
    });
    return {
      functionKey,
      estimate,
      costsOf,
      keys: this.archive.genomes.map(functionKey),
      costs: predicted.map(costsOf),
      tolerance,
    };
  }

  /**
   * Per candidate (with its predicted objectives), whether it is more than a re-draw of a function validated or
   * already chosen for this batch (see skipRedraws); every candidate when re-draws are not skipped.
   */
  private worth(genomes: readonly Genome[], predicted: readonly (readonly number[])[], known: KnownFunctions | undefined, chosen: readonly Genome[] = []): boolean[] {
    if (known === undefined) return genomes.map(() => true);
    const chosenCosts = chosen.length === 0 ? [] : known.estimate(chosen, chosen.map((genome) => this.context.space.key(genome))).map(known.costsOf);
    return worthValidating({
      candidateKeys: genomes.map(known.functionKey),
      candidateCosts: predicted.map(known.costsOf),
      knownKeys: [...known.keys, ...chosen.map(known.functionKey)],
      knownCosts: [...known.costs, ...chosenCosts],
      tolerance: known.tolerance,
    });
  }

  /** Adds the unseen single-gene neighbours of a genome (canonical, in the pool when there is one) to `into`. */
  private addUnseenNeighbours(genome: Genome, into: Map<string, Genome>, skip: ReadonlySet<string> = new Set()): void {
    const allowed = this.poolKeys();
    for (const { genome: neighbour, key } of singleGeneNeighbours(this.context.space, genome)) {
      if (this.archive.seen.has(key) || skip.has(key) || into.has(key) || this.skip(neighbour)) continue;
      if (allowed !== null && !allowed.has(key)) continue;
      into.set(key, neighbour);
    }
  }

  private poolKeyCache: Set<string> | null | undefined;

  private poolKeys(): Set<string> | null {
    if (this.poolKeyCache === undefined) {
      const { pool, space } = this.context;
      this.poolKeyCache = pool === undefined ? null : new Set(pool.map((genome) => space.key(space.canonicalize(genome))));
    }
    return this.poolKeyCache;
  }

  /**
   * For each objective, `perObjective` unseen single-gene neighbours of the validated front's members taken from
   * that objective's end (its best member first, the next one when the first has no unseen neighbours left),
   * ranked by predicted non-dominated front among themselves, then by the predicted value of that objective.
   */
  private endPicks(quotas: readonly number[], estimate: Estimate, known: KnownFunctions | undefined): Genome[] {
    const { space } = this.context;
    const feasibleIndices = this.archive.objectives.map((_, index) => index).filter((index) => (this.archive.violations[index] as number) === 0);
    if (feasibleIndices.length === 0) return [];
    const vectors = feasibleIndices.map((index) => [...(this.archive.objectives[index] as readonly number[])]);
    // A member at the worst observed value of some objective adds nothing to the hypervolume (e.g. a failed
    // architecture that is merely the fastest): its neighbourhood is not an end worth refining.
    const objectiveCount = this.context.objectives.length;
    const worst = Array.from({ length: objectiveCount }, (_, objective) => Math.max(...vectors.map((vector) => vector[objective] as number)));
    const allFront = paretoFrontIndices(vectors);
    const useful = allFront.filter((member) => (vectors[member] as number[]).every((value, objective) => value < (worst[objective] as number)));
    const front = useful.length > 0 ? useful : allFront;
    const picks: Genome[] = [];
    const taken = new Set<string>();
    for (let objective = 0; objective < objectiveCount; objective += 1) {
      const perObjective = quotas[objective] ?? 0;
      if (perObjective <= 0) continue;
      const ends = [...front].sort(
        (a, b) => (vectors[a]?.[objective] as number) - (vectors[b]?.[objective] as number) || a - b,
      );
      const neighbours = new Map<string, Genome>();
      for (const member of ends) {
        this.addUnseenNeighbours(this.archive.genomes[feasibleIndices[member] as number] as Genome, neighbours, taken);
        if (neighbours.size >= perObjective) break;
      }
      if (neighbours.size === 0) continue;
      const keys = [...neighbours.keys()];
      const genomes = keys.map((key) => neighbours.get(key) as Genome);
      const predicted = estimate(genomes, keys).map((vector) => vector.map((value) => (Number.isFinite(value) ? value : Number.MAX_VALUE)));
      // With a margin, only neighbours predicted past the end by that much qualify.
      const endValue = Math.min(...front.map((member) => vectors[member]?.[objective] as number));
      const bar = endValue - this.options.endMargin * ((worst[objective] as number) - Math.min(...vectors.map((vector) => vector[objective] as number)));
      const margined = this.options.endMargin > 0 && (this.options.endMarginFor === 'all' || this.isCost[objective] === true);
      // A cost's end is refined by cheaper versions of what is there, which the models may not tell apart (on GPUs
      // a dead skip is faster than a dead 'none'): its slots may re-draw a function; the other ends' may not.
      const worthy = this.isCost[objective] === true ? genomes.map(() => true) : this.worth(genomes, predicted, known, picks);
      const qualifies = (index: number): boolean => worthy[index] === true && (!margined || (predicted[index]?.[objective] as number) < bar);
      const ranked: number[] = [];
      for (const rankFront of nonDominatedSort(predicted)) {
        ranked.push(
          ...[...rankFront]
            .filter(qualifies)
            .sort((a, b) => (predicted[a]?.[objective] as number) - (predicted[b]?.[objective] as number) || a - b),
        );
      }
      for (const index of ranked.slice(0, perObjective)) {
        taken.add(keys[index] as string);
        picks.push(genomes[index] as Genome);
        if (this.options.endAllocation === 'gain') this.endOrigin.set(space.key(space.canonicalize(genomes[index] as Genome)), objective);
      }
    }
    return picks.map((genome) => space.canonicalize(genome));
  }

  /**
   * Up to `count` new architectures in which every gene takes each of its choices floor or ceil(count / choices)
   * times, in an independent random order per gene; duplicates after canonicalisation and degenerate ones are
   * left out (the caller tops up at random).
   */
  private balancedNew(count: number): Genome[] {
    const { space, rng } = this.context;
    const columns = space.choiceCounts.map((choices) => {
      const column = Array.from({ length: count }, (_, index) => index % choices);
      for (let index = column.length - 1; index > 0; index -= 1) {
        const other = rng.int(index + 1);
        [column[index], column[other]] = [column[other] as number, column[index] as number];
      }
      return column;
    });
    const picked: Genome[] = [];
    const keys = new Set(this.archive.seen);
    for (let row = 0; row < count; row += 1) {
      const genome = space.canonicalize(columns.map((column) => column[row] as number));
      const key = space.key(genome);
      if (keys.has(key) || this.skip(genome)) continue;
      keys.add(key);
      picked.push(genome);
    }
    return picked;
  }

  private randomNew(count: number, alsoExclude: ReadonlySet<string> = new Set()): Genome[] {
    const { space, rng } = this.context;
    const picked: Genome[] = [];
    const keys = new Set([...this.archive.seen, ...alsoExclude]);
    const pool = this.context.pool;
    for (let attempts = 0; picked.length < count && attempts < count * 100; attempts += 1) {
      const genome = pool === undefined ? space.sample(rng) : space.canonicalize(pool[rng.int(pool.length)] as Genome);
      const key = space.key(genome);
      if (keys.has(key)) continue;
      keys.add(key);
      if (this.skip(genome)) continue;
      picked.push(genome);
    }
    return picked;
  }
}

const ONE_HOT_SUFFIX = '/one-hot';
/** Models fitted on the proxy column ('proxy+svr'), offered only when the features carry one. */
const PROXY_PREFIX = 'proxy+';
const COUNTS_SUFFIX = '/counts';

/**
 * The features the tactic stores and the factory of each offered model. A model named '<model>/one-hot' sees the
 * plain one-hot of active genes whatever the main features are; '<model>/counts' sees only the cost features the space's
 * owner offers (TacticContext.costFeatures), else the 'counts' encoding (how many genes of each group with a
 * shared choice list take each choice: what is used, not where). Rows carry
 * the main features first, then the one-hot when the main features are something else and some model asks for it,
 * then the counts when some model asks for them; each model sees its own columns only. When the main features
 * are the plain one-hot already (`plainOneHot`, judged without the proxy column `proxied` adds last), the
 * '/one-hot' models add nothing but another model on the same columns and are dropped (kept when nothing else is
 * offered).
 */
function modelViews(
  main: FeatureEncoder,
  space: SearchSpace,
  models: readonly string[],
  costFeatures: FeatureEncoder | undefined,
  proxied: boolean,
  plainOneHot: boolean,
): { encoder: FeatureEncoder; factories: ReadonlyMap<string, PredictorFactory>; offered: readonly string[] } {
  const factories = new Map<string, PredictorFactory>();
  const wantsCounts = models.some((name) => name.endsWith(COUNTS_SUFFIX));
  const wantsOneHot = models.some((name) => name.endsWith(ONE_HOT_SUFFIX));
  // The proxy column does not make the plain one-hot something else: the features are judged without it.
  const separateOneHot = wantsOneHot && !plainOneHot;
  let encoder = separateOneHot ? concatenateEncoders(main, createEncoder(space, 'one-hot')) : main;
  const oneHotFrom = separateOneHot ? main.width : 0;
  const oneHotTo = separateOneHot ? encoder.width : proxied ? main.width - 1 : main.width;
  const countsFrom = encoder.width;
  if (wantsCounts) encoder = concatenateEncoders(encoder, costFeatures ?? createEncoder(space, 'counts'));
  const viewed = encoder !== main || proxied;
  for (const name of models) {
    const suffix = name.endsWith(ONE_HOT_SUFFIX) ? ONE_HOT_SUFFIX : name.endsWith(COUNTS_SUFFIX) ? COUNTS_SUFFIX : '';
    const base = name.slice(0, name.length - suffix.length);
    if (base.includes('/')) {
      throw badInput('tacticOptions.models', `unknown features in model "${name}"`, `name a predictor, optionally with ${ONE_HOT_SUFFIX} or ${COUNTS_SUFFIX}`);
    }
    if (base.startsWith(PROXY_PREFIX) && suffix !== '') {
      throw badInput('tacticOptions.models', `"${name}" would fit its trend on a column that is not the proxy`, `name "${base}" without ${suffix}`);
    }
    const factory = predictorFactory(base);
    if (!viewed) {
      factories.set(name, factory);
      continue;
    }
    // The proxy column, the last of the main features, is the 'proxy+' models' own.
    const mainTo = proxied && !base.startsWith(PROXY_PREFIX) ? main.width - 1 : main.width;
    const columns =
      suffix === ONE_HOT_SUFFIX ? { from: oneHotFrom, to: oneHotTo } : suffix === COUNTS_SUFFIX ? { from: countsFrom, to: encoder.width } : { from: 0, to: mainTo };
    factories.set(name, columnView(factory, columns, name));
  }
  const plainOnly = !separateOneHot && models.some((name) => !name.endsWith(ONE_HOT_SUFFIX));
  const offered = plainOnly ? models.filter((name) => !name.endsWith(ONE_HOT_SUFFIX)) : models;
  return { encoder, factories, offered };
}

/** Refuses a word option outside its choices, naming the option and the choices. */
function checkChoice(option: string, value: string, choices: readonly [string, string, ...string[]]): void {
  if (!choices.includes(value)) {
    const quoted = choices.map((choice) => `'${choice}'`);
    throw badInput(`tacticOptions.${option}`, `unknown choice "${value}"`, `choose ${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`);
  }
}

/**
 * Min-max scaling to the ranges `vectors` span in each objective (an objective with no range maps to 0), and each
 * range (1 where there is none) for scaling differences such as residuals.
 */
function rangeScaling(vectors: readonly (readonly number[])[], objectiveCount: number): { scale: (vector: readonly number[]) => number[]; spans: number[] } {
  const low = Array.from({ length: objectiveCount }, (_, objective) => Math.min(...vectors.map((vector) => vector[objective] as number)));
  const high = Array.from({ length: objectiveCount }, (_, objective) => Math.max(...vectors.map((vector) => vector[objective] as number)));
  const ranges = low.map((value, objective) => (high[objective] as number) - value);
  return {
    scale: (vector) => vector.map((value, objective) => ((ranges[objective] as number) > 0 ? (value - (low[objective] as number)) / (ranges[objective] as number) : 0)),
    spans: ranges.map((range) => (range > 0 ? range : 1)),
  };
}

/** Median of |predicted - actual| over paired values (0 when there are none). */
function medianAbsoluteResidual(predicted: Float64Array, actual: readonly number[]): number {
  const residuals = actual.map((value, index) => Math.abs((predicted[index] as number) - value)).sort((a, b) => a - b);
  if (residuals.length === 0) return 0;
  const middle = residuals.length >> 1;
  return residuals.length % 2 === 1 ? (residuals[middle] as number) : ((residuals[middle - 1] as number) + (residuals[middle] as number)) / 2;
}

/** Indices of the first `count` vectors front by front (non-dominated sorting), the last front by crowding distance. */
function fillByFronts(points: readonly (readonly number[])[], count: number): number[] {
  const chosen: number[] = [];
  if (count <= 0) return chosen;
  for (const front of nonDominatedSort(points)) {
    if (chosen.length + front.length <= count) {
      chosen.push(...front);
    } else {
      const distance = crowdingDistance(points, front);
      const order = front.map((index, position) => ({ index, distance: distance[position] as number }));
      order.sort((a, b) => b.distance - a.distance || a.index - b.index);
      for (const { index } of order.slice(0, count - chosen.length)) chosen.push(index);
    }
    if (chosen.length >= count) break;
  }
  return chosen;
}
