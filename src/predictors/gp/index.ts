// Public names of the Gaussian-process predictor.

export { GP_OPTION_KEYS, GaussianProcessPredictor } from './gp-predictor.js';
export type { GpHyperparameters, GpOptions } from './gp-predictor.js';
export type { GpKernel } from './gp-kernels.js';
