// Public names of the study folder.
export { Study, TACTIC_ITERATION_EVENT, type OpenStudyOptions, type OptimizeOptions, type StudyEnvironment } from './study.js';
export type { StudyProgress, StudySettings, TellResult, TrialHandle } from './types.js';
export { frontOf, feasibleMembers, normalizedHypervolume, normalizePoint, observedBasis, type FrontMember, type HypervolumeBasis } from './front.js';
export { scoreValues, type ScoredValues } from './observations.js';
export { evaluateTrials, type EvaluationPolicy } from './evaluate-trials.js';
