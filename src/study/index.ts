// Public names of the study folder.
export { Study, TACTIC_ITERATION_EVENT, assertSameSettings, type OpenStudyOptions, type OptimizeOptions, type RemoteOptimizeOptions, type StudyEnvironment } from './study.js';
export type { StudyProgress, StudySettings, TellResult, TrialHandle } from './types.js';
export { frontOf, feasibleMembers, normalizedHypervolume, normalizePoint, observedBasis, type FrontMember, type HypervolumeBasis } from './front.js';
export { scoreValues, type ScoredValues } from './observations.js';
export { evaluateTrials, type EvaluationPolicy } from './evaluate-trials.js';
export { settleResult, storeSettlement, type TrialSettlement } from './trial-outcome.js';
export { waitForTrials, type WaitForTrialsInput } from './remote-batch.js';
export { runWorker, type WorkerBatchSummary, type WorkerOptions, type WorkerSummary } from './worker.js';
export {
  COORDINATOR_STARTED_EVENT,
  STUDY_FINISHED_EVENT,
  TRIALS_REQUEUED_EVENT,
  WORKER_BATCH_EVENT,
  isStudyFinished,
  latestCoordinatorStart,
} from './lifecycle.js';
