// Public names of the gradient-boosted trees predictor.

export { GBDT_OPTION_KEYS, GbdtPredictor } from './gbdt-predictor.js';
export type { GbdtOptions } from './gbdt-predictor.js';
