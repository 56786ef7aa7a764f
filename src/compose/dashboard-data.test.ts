// Who works on a study and where it stands, derived from lifecycle events and the trials' worker columns.

import { describe, expect, it } from 'vitest';
import type { StudyEvent, TrialRecord } from '../storage/types.js';
import { COORDINATOR_STARTED_EVENT, STUDY_FINISHED_EVENT, TRIALS_REQUEUED_EVENT } from '../study/index.js';
import { coordinatorState, countStates, requeuedTrials, workerStates } from './dashboard-data.js';

const NOW = new Date('2026-01-01T12:00:00.000Z');
const at = (secondsAgo: number): string => new Date(NOW.getTime() - secondsAgo * 1000).toISOString();

function trial(number: number, state: TrialRecord['state'], worker: string | null, seen: number | null): TrialRecord {
  return {
    studyId: 1, number, key: `k${number}`, genome: [number], config: {}, batch: 0, state, values: state === 'complete' ? { a: 1 } : null,
    reason: state === 'failed' ? 'boom' : null, worker, attempts: 1, fromCache: false, createdAt: at(600),
    startedAt: seen === null ? null : at(seen + 1), heartbeatAt: state === 'running' && seen !== null ? at(seen) : null,
    completedAt: state === 'complete' || state === 'failed' ? at(seen ?? 0) : null,
  };
}

function event(seq: number, kind: string, payload: unknown, secondsAgo: number): StudyEvent {
  return { studyId: 1, seq, kind, payload, createdAt: at(secondsAgo) };
}

describe('dashboard data', () => {
  it('counts trials by state', () => {
    const trials = [trial(0, 'complete', 'a', 5), trial(1, 'failed', 'a', 5), trial(2, 'running', 'b', 1), trial(3, 'queued', null, null)];
    expect(countStates(trials)).toEqual({ queued: 1, running: 1, complete: 1, failed: 1, total: 4 });
  });

  it('tells active workers from silent ones by their last heartbeat against the lease', () => {
    const trials = [trial(0, 'complete', 'a', 300), trial(1, 'running', 'b', 3), trial(2, 'complete', 'b', 10), trial(3, 'queued', null, null)];
    const states = workerStates(trials, 30_000, NOW);
    expect(states).toEqual([
      { name: 'a', running: 0, complete: 1, failed: 0, lastSeenAt: at(300), active: false },
      { name: 'b', running: 1, complete: 1, failed: 0, lastSeenAt: at(3), active: true },
    ]);
  });

  it('reads the coordinator from the last start and finish events', () => {
    expect(coordinatorState([], at(1), NOW).state).toBe('none');
    const started = event(0, COORDINATOR_STARTED_EVENT, { leaseMs: 10_000, coordinator: 'host:1' }, 50);
    const running = coordinatorState([started], at(2), NOW);
    expect(running).toMatchObject({ state: 'running', name: 'host:1', leaseMs: 10_000, active: true });
    expect(coordinatorState([started], at(600), NOW).active).toBe(false);
    const finished = coordinatorState([started, event(1, STUDY_FINISHED_EVENT, {}, 5)], at(5), NOW);
    expect(finished).toMatchObject({ state: 'finished', finishedAt: at(5), active: false });
    // A coordinator started again after the finish runs once more.
    expect(coordinatorState([started, event(1, STUDY_FINISHED_EVENT, {}, 5), event(2, COORDINATOR_STARTED_EVENT, {}, 1)], at(1), NOW).state).toBe('running');
  });

  it('lists requeued trials from their events, skipping malformed entries', () => {
    const events = [
      event(0, TRIALS_REQUEUED_EVENT, { leaseMs: 1000, trials: [{ number: 4, worker: 'w', lastSeenAt: at(20) }, { worker: 'x' }] }, 10),
      event(1, TRIALS_REQUEUED_EVENT, 'not an object', 9),
    ];
    expect(requeuedTrials(events)).toEqual([{ number: 4, worker: 'w', lastSeenAt: at(20), requeuedAt: at(10) }]);
  });
});
