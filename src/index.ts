// carve's public API: the names a library user needs, nothing else.

export { CarveError, badInput, isCarveError, type CarveErrorCode } from './core/errors.js';
export { createRng, type Rng } from './core/rng.js';
export { parseConstraint, toMinimization, type Bound, type Direction, type ObjectiveSpec } from './core/objective.js';

export {
  crowdingDistance,
  hypervolume,
  hypervolumeContributions,
  hypervolumeCurve,
  igd,
  igdPlus,
  nonDominatedSort,
  nonDominatedSortConstrained,
  normalize,
  paretoFront,
  paretoFrontIndices,
  toMinimizationPoints,
} from './indicators/index.js';

export {
  createEncoder,
  createRecordCodec,
  createSearchSpace,
  enumerateGenomes,
  loadSpaceSpec,
  parseSpaceSpec,
  type Condition,
  type EncodingKind,
  type FeatureEncoder,
  type GeneSpec,
  type GeneValue,
  type Genome,
  type NativeCodec,
  type SearchSpace,
  type SpaceSpec,
} from './space/index.js';

export {
  AgeMoeaAlgorithm,
  MoeadAlgorithm,
  Nsga2Algorithm,
  RandomSearchAlgorithm,
  UNsga3Algorithm,
  minimize,
  type Algorithm,
  type Individual,
} from './algorithms/index.js';
export type { Candidate, EvaluationResult, Evaluator } from './evaluators/types.js';
export { TableEvaluator } from './evaluators/table/index.js';
export { listTactics, tacticFactory, type Observation, type Tactic, type TacticContext, type TacticFactory } from './tactics/index.js';
export { openTrialStore, type StudyRecord, type TrialRecord, type TrialState, type TrialStore } from './storage/index.js';
export {
  Study,
  type OpenStudyOptions,
  type OptimizeOptions,
  type StudyEnvironment,
  type StudyProgress,
  type StudySettings,
  type TellResult,
  type TrialHandle,
} from './study/index.js';
export { listProblems, resolveProblem, type Problem, type ProblemReference } from './benchmarks/index.js';
export { buildProblemStudy, type ProblemSearchRequest } from './compose/problem-study.js';
export { buildReportData } from './compose/report-data.js';
export { writeStudyReport, type StudyReportData } from './reports/index.js';
