// Public names of the parts algorithms are built from.

export type {
  Candidate,
  Crossover,
  DuplicateElimination,
  Mutation,
  RankedIndividual,
  Repair,
  Sampling,
  Selection,
  Survival,
  Termination,
  TerminationState,
} from './types.js';
export { RandomSampling, type RandomSamplingOptions } from './sampling.js';
export { TwoPointCrossover, UniformCrossover, type CrossoverOptions, type UniformCrossoverOptions } from './crossover.js';
export { OrdinalStepMutation, RandomResetMutation, type MutationOptions } from './mutation.js';
export { BinaryTournamentSelection, compareForTournament } from './selection.js';
export { RankAndCrowdingSurvival } from './survival.js';
export { KeyDuplicateElimination } from './duplicate-elimination.js';
export { EvaluationTermination, GenerationTermination, NoTermination } from './termination.js';
export { SimulatedBinaryCrossover, type SimulatedBinaryCrossoverOptions } from './simulated-binary-crossover.js';
export { PolynomialMutation, type PolynomialMutationOptions } from './polynomial-mutation.js';
export { CandidatePool } from './candidate-pool.js';
export { PoolSampling } from './pool-sampling.js';
export { NearestPoolRepair } from './pool-repair.js';
