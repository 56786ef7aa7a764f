// Public names of the tactics folder.
export type { Observation, ProposalContext, Tactic, TacticContext, TacticFactory } from './types.js';
export { AlgorithmTactic } from './algorithm-tactic.js';
export { DEFAULT_TACTIC, listTactics, resolveTacticName, tacticFactory, type TacticEntry } from './registry.js';
export { PoolTactic, candidatePoolOf, poolParts } from './pool.js';
