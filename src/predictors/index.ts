// Public names of the predictors folder: the Predictor contract, the models, metrics and model selection.

export type { PredictionWithUncertainty, Predictor, PredictorFactory } from './types.js';
export type { TargetTransformKind } from './common/target-transform.js';
export { RidgePredictor } from './ridge/index.js';
export type { RidgeAlphaSelection, RidgeOptions } from './ridge/index.js';
export { SvrPredictor, solveEpsilonSvr } from './svr/index.js';
export type { SmoSettings, SmoSolution, SvrKernel, SvrOptions } from './svr/index.js';
export { TrendPredictor } from './trend/index.js';
export type { TrendOptions } from './trend/index.js';
export { GbdtPredictor } from './gbdt/index.js';
export type { GbdtOptions } from './gbdt/index.js';
export { MlpPredictor } from './mlp/index.js';
export type { MlpActivation, MlpOptions } from './mlp/index.js';
export { GaussianProcessPredictor } from './gp/index.js';
export type { GpHyperparameters, GpKernel, GpOptions } from './gp/index.js';
export { BaggedEnsemblePredictor, baggedEnsemble } from './ensemble/index.js';
export { ColumnViewPredictor, columnView } from './view/index.js';
export type { ColumnRange } from './view/index.js';
export type { BaggedEnsembleOptions } from './ensemble/index.js';
export { averageRanks, kendallTau, pearson, rmse, spearman } from './metrics/index.js';
export { crossValidatedPredictions, selectPredictor } from './selection.js';
export { MAX_STACKED_MODELS, stackWeights, type StackWeights } from './stacking.js';
export type { CandidateScore, PredictorCandidate, SelectionOptions, SelectionResult } from './selection.js';
export { PREDICTOR_NAMES, createPredictor, defaultPredictorCandidates, defaultPredictorNames, predictorFactory } from './registry.js';
export type { BaggedPredictorConfig, PredictorName } from './registry.js';
