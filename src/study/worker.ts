// A worker's loop: claim queued trials of a study, evaluate them (stored measurements first), settle each one.

import { isCarveError } from '../core/errors.js';
import type { ObjectiveSpec } from '../core/objective.js';
import type { Evaluator } from '../evaluators/types.js';
import type { TrialRecord, TrialStore } from '../storage/types.js';
import { evaluateTrials, type EvaluationPolicy } from './evaluate-trials.js';
import { WORKER_BATCH_EVENT } from './lifecycle.js';
import { pause } from './pause.js';
import { settleResult, storeSettlement } from './trial-outcome.js';

export interface WorkerOptions {
  readonly store: TrialStore;
  readonly studyId: number;
  /** The study's objectives (with bounds), as stored with it. */
  readonly objectives: readonly ObjectiveSpec[];
  readonly evaluators: readonly Evaluator[];
  /** This worker's name in the store (claims, heartbeats). */
  readonly worker: string;
  /** Trials claimed at once. */
  readonly batchSize: number;
  /** Stop after this long with nothing to claim; undefined = wait until the study is finished. */
  readonly idleExitMs?: number;
  /** How often an idle worker looks for queued trials (default 200 ms). */
  readonly pollMs?: number;
  /** How often the claimed trials' lease is renewed while they are evaluated. */
  readonly heartbeatMs: number;
  /** True once nothing more will be queued (see isStudyFinished). */
  readonly isFinished: () => Promise<boolean>;
  readonly evaluation?: Partial<EvaluationPolicy>;
  readonly signal?: AbortSignal;
  readonly onBatch?: (batch: WorkerBatchSummary) => void;
  /** Testing: hold each claim this long before evaluating (to stop a worker while it holds trials). */
  readonly pauseAfterClaimMs?: number;
}

export interface WorkerBatchSummary {
  readonly worker: string;
  /** Claimed trial numbers, ordered. */
  readonly trials: readonly number[];
  readonly completed: readonly number[];
  readonly failed: readonly number[];
  /** Completed from stored measurements only, with no evaluator call. */
  readonly fromCache: readonly number[];
  /** Already finished by someone else when this worker settled them (their lease had run out). */
  readonly alreadyFinished: readonly number[];
}

export interface WorkerSummary {
  readonly stopped: 'finished' | 'idle' | 'aborted';
  readonly batches: number;
  readonly completed: number;
  readonly failed: number;
  readonly fromCache: number;
  readonly alreadyFinished: number;
}

const DEFAULT_POLL_MS = 200;

/** Runs until the study is finished, the worker has been idle for idleExitMs, or `signal` aborts. */
export async function runWorker(options: WorkerOptions): Promise<WorkerSummary> {
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const totals = { batches: 0, completed: 0, failed: 0, fromCache: 0, alreadyFinished: 0 };
  let idleSince = Date.now();
  for (;;) {
    if (options.signal?.aborted === true) return { stopped: 'aborted', ...totals };
    const claimed = await options.store.claimTrials(options.studyId, options.batchSize, options.worker);
    if (claimed.length === 0) {
      if (await options.isFinished()) return { stopped: 'finished', ...totals };
      if (options.idleExitMs !== undefined && Date.now() - idleSince >= options.idleExitMs) return { stopped: 'idle', ...totals };
      if (!(await pause(pollMs, options.signal))) return { stopped: 'aborted', ...totals };
      continue;
    }
    const summary = await evaluateClaim(options, claimed);
    totals.batches += 1;
    totals.completed += summary.completed.length;
    totals.failed += summary.failed.length;
    totals.fromCache += summary.fromCache.length;
    totals.alreadyFinished += summary.alreadyFinished.length;
    await options.store.appendEvent(options.studyId, WORKER_BATCH_EVENT, summary);
    options.onBatch?.(summary);
    idleSince = Date.now();
  }
}

async function evaluateClaim(options: WorkerOptions, claimed: readonly TrialRecord[]): Promise<WorkerBatchSummary> {
  const numbers = claimed.map((trial) => trial.number);
  const completed: number[] = [];
  const failed: number[] = [];
  const fromCache: number[] = [];
  const alreadyFinished: number[] = [];
  // Renews the lease while the claim is held; a failed renewal is retried at the next tick (the coordinator
  // requeues only after a whole lease without one).
  let open = [...numbers];
  const heartbeat = setInterval(() => {
    options.store.heartbeatTrials(options.studyId, open, options.worker).catch(() => undefined);
  }, Math.max(1, options.heartbeatMs));
  try {
    if (options.pauseAfterClaimMs !== undefined && options.pauseAfterClaimMs > 0) await pause(options.pauseAfterClaimMs, options.signal);
    await evaluateTrials({
      store: options.store,
      evaluators: options.evaluators,
      trials: claimed.map((trial) => ({ number: trial.number, key: trial.key, genome: trial.genome, config: trial.config })),
      policy: options.evaluation ?? {},
      tell: async (handle, result, cached) => {
        const settlement = settleResult(result, options.objectives);
        const asCached = settlement.state === 'complete' && cached;
        try {
          await storeSettlement(options.store, options.studyId, handle.number, settlement, asCached);
        } catch (error) {
          // Its lease ran out and another worker settled it first, from the same stored measurement.
          if (isCarveError(error) && error.code === 'CONFLICT') {
            alreadyFinished.push(handle.number);
            return;
          }
          throw error;
        } finally {
          open = open.filter((number) => number !== handle.number);
        }
        if (settlement.state === 'complete') {
          completed.push(handle.number);
          if (asCached) fromCache.push(handle.number);
        } else {
          failed.push(handle.number);
        }
      },
      log: async (kind, payload) => options.store.appendEvent(options.studyId, kind, payload),
    });
  } finally {
    clearInterval(heartbeat);
  }
  return { worker: options.worker, trials: numbers, completed, failed, fromCache, alreadyFinished };
}
