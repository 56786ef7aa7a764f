// Public names of the multi-layer perceptron predictor.

export { MLP_OPTION_KEYS, MlpPredictor } from './mlp-predictor.js';
export type { MlpActivation, MlpOptions } from './mlp-predictor.js';
