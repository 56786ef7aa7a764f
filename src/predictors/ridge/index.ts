// Public names of the ridge predictor.

export { RIDGE_OPTION_KEYS, RidgePredictor } from './ridge-predictor.js';
export type { RidgeAlphaSelection, RidgeOptions } from './ridge-predictor.js';
