// Public names of the support-vector regression predictor.

export { SVR_OPTION_KEYS, SvrPredictor } from './svr-predictor.js';
export type { SvrKernel, SvrOptions } from './svr-predictor.js';
export { solveEpsilonSvr } from './smo-solver.js';
export type { SmoSettings, SmoSolution } from './smo-solver.js';
