// The coordinator's wait for a batch evaluated elsewhere: poll the store, requeue trials whose lease ran out.

import type { ExpiredTrial, TrialRecord, TrialStore } from '../storage/types.js';
import { pause } from './pause.js';

export interface WaitForTrialsInput {
  readonly store: TrialStore;
  readonly studyId: number;
  /** The trials to wait for. */
  readonly numbers: readonly number[];
  /** Running trials with no heartbeat (else start) for longer than this are put back in the queue. */
  readonly leaseMs: number;
  readonly pollMs: number;
  readonly signal?: AbortSignal;
  readonly onRequeued?: (expired: readonly ExpiredTrial[]) => Promise<void>;
  /**
   * Called when none of the batch's trials has been running or finished for `idleMs` (no worker has taken any),
   * and again after every further `idleMs`; the wait goes on.
   */
  readonly onIdle?: (status: { readonly queued: number; readonly waitedMs: number }) => void;
  readonly idleMs?: number;
}

/**
 * Resolves with the stored records of `numbers` once every one is complete or failed (ordered by number), or
 * null if `signal` aborts first. Each poll first requeues the study's running trials whose lease ran out, so
 * a worker that died gives its trials back to the others.
 */
export async function waitForTrials(input: WaitForTrialsInput): Promise<TrialRecord[] | null> {
  const wanted = new Set(input.numbers);
  let lastStir = Date.now();
  let lastOpen = -1;
  let told = 0;
  for (;;) {
    if (input.signal?.aborted === true) return null;
    const expired = await input.store.requeueExpiredTrials(input.studyId, input.leaseMs);
    if (expired.length > 0) await input.onRequeued?.(expired);
    const open = (await input.store.listTrials(input.studyId, { states: ['queued', 'running'] })).filter((trial) => wanted.has(trial.number));
    if (open.length === 0) {
      const finished = await input.store.listTrials(input.studyId, { states: ['complete', 'failed'] });
      return finished.filter((trial) => wanted.has(trial.number));
    }
    // Idle: every open trial of the batch still queued, and none finished since the last look.
    const now = Date.now();
    if (open.some((trial) => trial.state === 'running') || open.length !== lastOpen) {
      lastStir = now;
      told = 0;
    }
    lastOpen = open.length;
    const idleMs = input.idleMs;
    if (input.onIdle !== undefined && idleMs !== undefined && idleMs > 0 && now - lastStir >= idleMs * (told + 1)) {
      told += 1;
      input.onIdle({ queued: open.length, waitedMs: now - lastStir });
    }
    if (!(await pause(input.pollMs, input.signal))) return null;
  }
}
