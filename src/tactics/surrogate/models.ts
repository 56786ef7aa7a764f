// Per-objective surrogate models: chosen by cross-validated rank correlation, with an uncertainty estimate.

import type { Rng } from '../../core/rng.js';
import { BaggedEnsemblePredictor, kendallTau, predictorFactory, rmse, selectPredictor, stackWeights, type Predictor, type PredictorFactory } from '../../predictors/index.js';

export interface ObjectivePrediction {
  readonly mean: Float64Array;
  readonly std: Float64Array;
}

export interface ObjectiveModel {
  readonly name: string;
  /** Cross-validated Kendall tau of the chosen model (null when no selection was run). */
  readonly cvKendallTau: number | null;
  readonly cvRmse: number | null;
  /** Out-of-fold predictions of the chosen model on the training rows, in their order (null without selection). */
  readonly outOfFold: Float64Array | null;
  predict(features: readonly Float64Array[]): ObjectivePrediction;
}

export interface ModelOptions {
  /** Candidate model names for selection by cross-validation; one name = no selection. */
  readonly candidates: readonly string[];
  readonly folds: number;
  /** Wrap the chosen model in a bagged ensemble of this many members when it has no own uncertainty (0 = never). */
  readonly ensembleMembers: number;
  /** Factories of candidate names the predictor registry does not know (e.g. a model on a view of the columns). */
  readonly factories?: ReadonlyMap<string, PredictorFactory>;
  /**
   * 'select' (default): the candidate with the best cross-validated tau. 'stack': a blend of the candidates with
   * non-negative weights fitted on their out-of-fold predictions (see stackWeights).
   */
  readonly combine?: 'select' | 'stack';
}

const factories = new Map<string, PredictorFactory>();

function factoryOf(name: string, given?: ReadonlyMap<string, PredictorFactory>): PredictorFactory {
  const own = given?.get(name);
  if (own !== undefined) return own;
  let factory = factories.get(name);
  if (factory === undefined) {
    factory = predictorFactory(name);
    factories.set(name, factory);
  }
  return factory;
}

/** Fits one objective: selects a model by k-fold Kendall tau when several are offered, refits on everything. */
export function fitObjectiveModel(
  features: readonly Float64Array[],
  targets: readonly number[],
  options: ModelOptions,
  rng: Rng,
): ObjectiveModel {
  let name: string;
  let cvKendallTau: number | null = null;
  let cvRmse: number | null = null;
  let outOfFold: Float64Array | null = null;
  if (options.candidates.length > 1 && targets.length >= Math.max(6, options.folds * 2)) {
    const selection = selectPredictor(
      options.candidates.map((candidate) => ({ name: candidate, factory: factoryOf(candidate, options.factories) })),
      features,
      targets,
      { folds: options.folds, rng: rng.fork() },
    );
    if (options.combine === 'stack') {
      const stacked = stackedModel(selection, features, targets, options, rng);
      if (stacked !== null) return stacked;
    }
    name = selection.name;
    cvKendallTau = selection.cvKendallTau;
    cvRmse = selection.cvRmse;
    outOfFold = selection.outOfFold;
  } else {
    name = options.candidates[0] ?? 'ridge';
  }
  const single = factoryOf(name, options.factories)(rng.fork());
  let predictor: Predictor;
  if (single.predictWithUncertainty === undefined && options.ensembleMembers > 1) {
    predictor = new BaggedEnsemblePredictor(factoryOf(name, options.factories), rng.fork(), { members: options.ensembleMembers });
  } else {
    predictor = single;
  }
  predictor.fit(features, targets);
  const fitted = predictor;
  return {
    name: fitted === single ? name : `bagged-${name}`,
    cvKendallTau,
    cvRmse,
    outOfFold,
    predict(rows) {
      if (fitted.predictWithUncertainty !== undefined) return fitted.predictWithUncertainty(rows);
      const mean = fitted.predict(rows);
      return { mean, std: new Float64Array(mean.length) };
    },
  };
}

/**
 * The blend of the candidates that did not fail, weighted by stackWeights on their out-of-fold predictions, each
 * refitted on all rows; null when the blend is a single model (then plain selection is the same thing).
 */
function stackedModel(
  selection: ReturnType<typeof selectPredictor>,
  features: readonly Float64Array[],
  targets: readonly number[],
  options: ModelOptions,
  rng: Rng,
): ObjectiveModel | null {
  const usable = selection.perCandidate.filter((score) => score.outOfFold !== undefined);
  if (usable.length < 2) return null;
  const blend = stackWeights(
    usable.map((score) => score.outOfFold as Float64Array),
    targets,
  );
  const members = usable.map((score, index) => ({ name: score.name, weight: blend.weights[index] as number })).filter((member) => member.weight > 0);
  if (members.length < 2) return null;
  const predictors = members.map((member) => {
    if (member.name === selection.name) return selection.predictor;
    const predictor = factoryOf(member.name, options.factories)(rng.fork());
    predictor.fit(features, targets);
    return predictor;
  });
  const outOfFold = new Float64Array(targets.length).fill(blend.intercept);
  usable.forEach((score, index) => {
    const weight = blend.weights[index] as number;
    if (weight > 0) (score.outOfFold as Float64Array).forEach((value, row) => (outOfFold[row] = (outOfFold[row] as number) + weight * value));
  });
  const observed = Float64Array.from(targets);
  const tau = kendallTau(outOfFold, observed);
  return {
    name: `stack(${members.map((member) => `${member.name} ${member.weight.toFixed(2)}`).join(', ')})`,
    cvKendallTau: Number.isNaN(tau) ? 0 : tau,
    cvRmse: rmse(outOfFold, observed),
    outOfFold,
    predict(rows) {
      const mean = new Float64Array(rows.length).fill(blend.intercept);
      predictors.forEach((predictor, index) => {
        const weight = (members[index] as { weight: number }).weight;
        predictor.predict(rows).forEach((value, row) => (mean[row] = (mean[row] as number) + weight * value));
      });
      return { mean, std: new Float64Array(mean.length) };
    },
  };
}
