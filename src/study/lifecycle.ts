// The events that tell workers where a distributed study stands: a coordinator started, the study finished.

import type { StudyEvent, TrialStore } from '../storage/types.js';

/** Appended by a coordinator (`carve search --workers remote`) when it starts: how to build the evaluators, the lease. */
export const COORDINATOR_STARTED_EVENT = 'coordinator-started';
/** Appended by a coordinator when the budget is reached or the tactic has nothing left: workers may stop. */
export const STUDY_FINISHED_EVENT = 'study-finished';
/** Appended by the coordinator for running trials whose lease ran out and went back to the queue. */
export const TRIALS_REQUEUED_EVENT = 'trials-requeued';
/** Appended by a worker after each claimed batch: which trials it completed, failed, or found finished. */
export const WORKER_BATCH_EVENT = 'worker-batch';

/** The most recent `coordinator-started` event, or null when no coordinator ever ran on the study. */
export async function latestCoordinatorStart(store: TrialStore, studyId: number): Promise<StudyEvent | null> {
  return (await store.listEvents(studyId, COORDINATOR_STARTED_EVENT)).at(-1) ?? null;
}

/**
 * True when nothing more will be queued: the last coordinator to start has marked the study finished, or, for a
 * study no coordinator ever ran, every trial is finished and the stored budget is reached.
 */
export async function isStudyFinished(store: TrialStore, studyId: number, storedBudget: number): Promise<boolean> {
  const started = await latestCoordinatorStart(store, studyId);
  const finished = (await store.listEvents(studyId, STUDY_FINISHED_EVENT)).at(-1);
  if (finished !== undefined) return started === null || finished.seq > started.seq;
  if (started !== null) return false;
  const trials = await store.listTrials(studyId);
  return trials.length >= storedBudget && trials.every((trial) => trial.state === 'complete' || trial.state === 'failed');
}
