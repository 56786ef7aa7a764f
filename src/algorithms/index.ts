// Public names of the algorithms folder: the ask/tell contract, NSGA-II, random search, their parts, the driver.

export type { Algorithm, Individual } from './types.js';
export { checkIndividual, toIndividual } from './individual.js';
export { isCandidateAlgorithm, type CandidateAlgorithm } from './candidate-algorithm.js';
export * from './operators/index.js';
export { Nsga2Algorithm, type Nsga2Options } from './nsga2/nsga2-algorithm.js';
export { RandomSearchAlgorithm, type RandomSearchOptions } from './random/random-search-algorithm.js';
export { AgeMoeaAlgorithm, type AgeMoeaOptions } from './agemoea/agemoea-algorithm.js';
export { UNsga3Algorithm, type UNsga3Options } from './unsga3/unsga3-algorithm.js';
export { MoeadAlgorithm, type MoeadOptions } from './moead/moead-algorithm.js';
export * from './decomposition/index.js';
export { minimize, type BatchEvaluator, type MinimizeResult } from './minimize.js';
