// Public names of the ensemble predictors.

export { BAGGED_ENSEMBLE_OPTION_KEYS, BaggedEnsemblePredictor, baggedEnsemble } from './bagged-ensemble.js';
export type { BaggedEnsembleOptions } from './bagged-ensemble.js';
