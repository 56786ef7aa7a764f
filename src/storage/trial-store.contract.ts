// The behaviour every TrialStore backend must show; each backend's test file runs this suite against itself.

import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { isCarveError, type CarveErrorCode } from '../core/errors.js';
import { LATEST_SCHEMA_VERSION } from './migrations.js';
import type { NewTrial, TrialRecord, TrialStore } from './types.js';

export interface TrialStoreContractOptions {
  /** Runs once after the suite (drop the test schema, delete the temporary file). */
  readonly cleanup?: () => Promise<void>;
  /**
   * True when two stores from `factory` see the same data (one file, one schema): enables the tests that race
   * two connections against each other. False for private databases such as SQLite ':memory:'.
   */
  readonly sharedData?: boolean;
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Numbers whose decimal forms are awkward: any rounding on the way through the database changes them. */
const AWKWARD_NUMBERS: Readonly<Record<string, number>> = {
  sum: 0.1 + 0.2,
  tiny: 1e-300,
  subnormal: 5e-324,
  huge: 1.7976931348623157e308,
  negative: -123.456e-7,
  third: 1 / 3,
  bigInteger: 2 ** 53 + 2,
  pi: Math.PI,
};

export interface StoreFactoryOptions {
  /** Source of timestamps for the new store (lease tests move time on by hand). */
  readonly clock?: () => Date;
}

/** A clock that stands still until moved on: `advance(ms)`. */
function manualClock(start = Date.UTC(2031, 4, 6, 7, 8, 9, 0)): { now: () => Date; advance: (ms: number) => void } {
  let time = start;
  return { now: () => new Date(time), advance: (ms) => (time += ms) };
}

/**
 * `factory` returns a new, initialised store each call (with the given clock, when one is given). Tests never assume an empty database: each uses its
 * own study names and evaluator ids, so stores sharing data across tests are fine.
 */
export function runTrialStoreContract(
  name: string,
  factory: (options?: StoreFactoryOptions) => Promise<TrialStore>,
  options: TrialStoreContractOptions = {},
): void {
  describe(`TrialStore contract: ${name}`, () => {
    const runTag = randomUUID().slice(0, 8);
    let counter = 0;
    const opened: TrialStore[] = [];

    const unique = (prefix: string): string => `${prefix}-${runTag}-${++counter}`;
    const open = async (factoryOptions?: StoreFactoryOptions): Promise<TrialStore> => {
      const store = await factory(factoryOptions);
      opened.push(store);
      return store;
    };
    const openWithStudy = async (): Promise<{ store: TrialStore; studyId: number }> => {
      const store = await open();
      const study = await store.createStudy(unique('study'), { seed: 1 });
      return { store, studyId: study.id };
    };
    const itShared = options.sharedData === true ? it : it.skip;

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });
    afterAll(async () => {
      await options.cleanup?.();
    });

    describe('schema', () => {
      it('is at the latest version after init, and init again changes nothing', async () => {
        const store = await open();
        expect(await store.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
        const study = await store.createStudy(unique('kept'), { a: 1 });
        await store.init();
        await store.init();
        expect(await store.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
        expect(await store.getStudy(study.name)).toEqual(study);
      });

      itShared('accepts init from two connections at once', async () => {
        const [first, second] = [await open(), await open()];
        await Promise.all([first.init(), second.init(), first.init()]);
        expect(await second.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
      });

      it('names its kind and location', async () => {
        const store = await open();
        expect(['sqlite', 'postgres']).toContain(store.kind);
        expect(store.location).not.toBe('');
        expect(store.location).not.toMatch(/:[^:@/]+@/); // no password in user:password@host
      });
    });

    describe('studies', () => {
      it('creates a study and reads it back by name', async () => {
        const store = await open();
        const spec = { space: 'ofa', objectives: ['accuracy', 'latency_ms'], bounds: { latency_ms: 20 }, note: 'é "q"' };
        const name = unique('create');
        const created = await store.createStudy(name, spec);
        expect(created.name).toBe(name);
        expect(Number.isInteger(created.id)).toBe(true);
        expect(created.spec).toEqual(spec);
        expect(created.createdAt).toMatch(ISO_TIMESTAMP);
        expect(await store.getStudy(name)).toEqual(created);
        expect(await store.getStudy(unique('absent'))).toBeNull();
      });

      it('stores an undefined spec as null', async () => {
        const store = await open();
        const created = await store.createStudy(unique('nospec'), undefined);
        expect(created.spec).toBeNull();
      });

      it('refuses a second study with the same name (CONFLICT) and keeps the first', async () => {
        const store = await open();
        const name = unique('dup');
        const first = await store.createStudy(name, { version: 1 });
        await expectCarveError(store.createStudy(name, { version: 2 }), 'CONFLICT', 'name');
        expect(await store.getStudy(name)).toEqual(first);
      });

      it('refuses an empty name (BAD_INPUT)', async () => {
        const store = await open();
        await expectCarveError(store.createStudy('  ', {}), 'BAD_INPUT', 'name');
      });

      it('lists studies in creation order', async () => {
        const store = await open();
        const names = [unique('list'), unique('list'), unique('list')];
        for (const studyName of names) await store.createStudy(studyName, { studyName });
        const listed = (await store.listStudies()).filter((study) => names.includes(study.name));
        expect(listed.map((study) => study.name)).toEqual(names);
        expect(listed.map((study) => study.spec)).toEqual(names.map((studyName) => ({ studyName })));
      });

      it('deletes a study with its trials and events but keeps measurements', async () => {
        const store = await open();
        const evaluator = unique('eval');
        const doomed = await store.createStudy(unique('doomed'), {});
        const kept = await store.createStudy(unique('kept'), {});
        await store.addTrials(doomed.id, trials(['a', 'b']));
        await store.addTrials(kept.id, trials(['a']));
        await store.completeTrial(doomed.id, 0, { top1: 0.5 }, {
          measurements: [{ evaluator, key: 'a', values: { top1: 0.5 } }],
        });
        await store.appendEvent(doomed.id, 'note', { x: 1 });
        await store.appendEvent(kept.id, 'note', { x: 2 });

        expect(await store.deleteStudy(doomed.name)).toBe(true);
        expect(await store.getStudy(doomed.name)).toBeNull();
        expect(await store.listTrials(doomed.id)).toEqual([]);
        expect(await store.listEvents(doomed.id)).toEqual([]);
        expect((await store.getMeasurements(evaluator, ['a'])).get('a')?.values).toEqual({ top1: 0.5 });
        expect(await store.listTrials(kept.id)).toHaveLength(1);
        expect(await store.listEvents(kept.id)).toHaveLength(1);
        expect(await store.deleteStudy(doomed.name)).toBe(false);
      });

      it('can reuse a deleted study name, with a new id', async () => {
        const store = await open();
        const name = unique('reused');
        const first = await store.createStudy(name, {});
        await store.deleteStudy(name);
        const second = await store.createStudy(name, {});
        expect(second.id).not.toBe(first.id);
        expect(await store.listTrials(second.id)).toEqual([]);
      });
    });

    describe('addTrials', () => {
      it('numbers trials from 0, consecutively, queued, with every field stored', async () => {
        const { store, studyId } = await openWithStudy();
        const added = await store.addTrials(studyId, [
          { key: 'k0', genome: [0, 1, 2], config: { ks: [3, 5], e: [4, 6] }, batch: 0 },
          { key: 'k1', genome: [2, 2, 0.5], config: null, batch: 0 },
          { key: 'k2', genome: [], config: 'raw', batch: 1 },
        ]);
        expect(added.map((trial) => trial.number)).toEqual([0, 1, 2]);
        const first = added[0] as TrialRecord;
        expect(first).toMatchObject({
          studyId,
          number: 0,
          key: 'k0',
          genome: [0, 1, 2],
          config: { ks: [3, 5], e: [4, 6] },
          batch: 0,
          state: 'queued',
          values: null,
          reason: null,
          worker: null,
          attempts: 0,
          fromCache: false,
          startedAt: null,
          completedAt: null,
        });
        expect(first.createdAt).toMatch(ISO_TIMESTAMP);
        expect(added[1]?.genome).toEqual([2, 2, 0.5]);
        expect(added[2]?.config).toBe('raw');
        expect(await store.listTrials(studyId)).toEqual(added);
      });

      it('continues numbering after earlier calls, independently per study', async () => {
        const { store, studyId } = await openWithStudy();
        const other = await store.createStudy(unique('other'), {});
        await store.addTrials(studyId, trials(['a', 'b']));
        const otherAdded = await store.addTrials(other.id, trials(['a']));
        const more = await store.addTrials(studyId, trials(['c', 'd', 'e'], 1));
        expect(more.map((trial) => trial.number)).toEqual([2, 3, 4]);
        expect(more.map((trial) => trial.batch)).toEqual([1, 1, 1]);
        expect(otherAdded.map((trial) => trial.number)).toEqual([0]);
      });

      it('returns [] for an empty list', async () => {
        const { store, studyId } = await openWithStudy();
        expect(await store.addTrials(studyId, [])).toEqual([]);
      });

      it('refuses a key already in the study (CONFLICT) and writes nothing', async () => {
        const { store, studyId } = await openWithStudy();
        await store.addTrials(studyId, trials(['a', 'b']));
        await expectCarveError(store.addTrials(studyId, trials(['c', 'b', 'd'])), 'CONFLICT');
        const keys = (await store.listTrials(studyId)).map((trial) => trial.key);
        expect(keys).toEqual(['a', 'b']);
        // Numbering is not disturbed by the refused call.
        expect((await store.addTrials(studyId, trials(['c'])))[0]?.number).toBe(2);
      });

      it('refuses a key repeated within one call (CONFLICT) and writes nothing', async () => {
        const { store, studyId } = await openWithStudy();
        await expectCarveError(store.addTrials(studyId, trials(['x', 'y', 'x'])), 'CONFLICT');
        expect(await store.listTrials(studyId)).toEqual([]);
      });

      it('allows the same key in two different studies', async () => {
        const { store, studyId } = await openWithStudy();
        const other = await store.createStudy(unique('other'), {});
        await store.addTrials(studyId, trials(['same']));
        await expect(store.addTrials(other.id, trials(['same']))).resolves.toHaveLength(1);
      });

      it('refuses an unknown study (NOT_FOUND) and bad genomes (BAD_INPUT)', async () => {
        const { store, studyId } = await openWithStudy();
        await expectCarveError(store.addTrials(studyId + 100_000, trials(['a'])), 'NOT_FOUND');
        await expectCarveError(
          store.addTrials(studyId, [{ key: 'nan', genome: [Number.NaN], config: {}, batch: 0 }]),
          'BAD_INPUT',
        );
        await expectCarveError(store.addTrials(studyId, [{ key: '', genome: [], config: {}, batch: 0 }]), 'BAD_INPUT');
        expect(await store.listTrials(studyId)).toEqual([]);
      });

      itShared('keeps numbers consecutive when two connections add at once', async () => {
        const { store: first, studyId } = await openWithStudy();
        const second = await open();
        const calls = Array.from({ length: 8 }, (_, call) =>
          (call % 2 === 0 ? first : second).addTrials(studyId, trials([`c${call}-a`, `c${call}-b`, `c${call}-c`])),
        );
        const results = await Promise.all(calls);
        for (const added of results) {
          // Each call's trials are contiguous: no other call interleaved with it.
          const numbers = added.map((trial) => trial.number);
          expect(numbers).toEqual([numbers[0], (numbers[0] ?? 0) + 1, (numbers[0] ?? 0) + 2]);
        }
        const numbers = (await first.listTrials(studyId)).map((trial) => trial.number);
        expect(numbers).toEqual(Array.from({ length: 24 }, (_, index) => index));
      });
    });

    describe('claimTrials', () => {
      it('claims the lowest queued numbers first and marks them running', async () => {
        const { store, studyId } = await openWithStudy();
        await store.addTrials(studyId, trials(['a', 'b', 'c', 'd', 'e']));
        const claimed = await store.claimTrials(studyId, 2, 'worker-1');
        expect(claimed.map((trial) => trial.number)).toEqual([0, 1]);
        for (const trial of claimed) {
          expect(trial).toMatchObject({ state: 'running', worker: 'worker-1', attempts: 1 });
          expect(trial.startedAt).toMatch(ISO_TIMESTAMP);
        }
        const rest = await store.claimTrials(studyId, 10, 'worker-2');
        expect(rest.map((trial) => trial.number)).toEqual([2, 3, 4]);
        expect(await store.claimTrials(studyId, 10, 'worker-3')).toEqual([]);
        const stored = await store.listTrials(studyId);
        expect(stored.map((trial) => trial.worker)).toEqual(['worker-1', 'worker-1', 'worker-2', 'worker-2', 'worker-2']);
      });

      it('passes over running and finished trials', async () => {
        const { store, studyId } = await openWithStudy();
        await store.addTrials(studyId, trials(['a', 'b', 'c', 'd', 'e']));
        await store.startTrials(studyId, [0], 'w');
        await store.completeTrial(studyId, 1, { top1: 1 });
        await store.failTrial(studyId, 2, 'out of memory');
        const claimed = await store.claimTrials(studyId, 5, 'w2');
        expect(claimed.map((trial) => trial.number)).toEqual([3, 4]);
      });

      it('returns [] for limit 0 and refuses a negative or fractional limit', async () => {
        const { store, studyId } = await openWithStudy();
        await store.addTrials(studyId, trials(['a']));
        expect(await store.claimTrials(studyId, 0, 'w')).toEqual([]);
        await expectCarveError(store.claimTrials(studyId, -1, 'w'), 'BAD_INPUT', 'limit');
        await expectCarveError(store.claimTrials(studyId, 1.5, 'w'), 'BAD_INPUT', 'limit');
        expect((await store.listTrials(studyId))[0]?.state).toBe('queued');
      });

      itShared('never gives one trial to two claimers on different connections', async () => {
        const { store: first, studyId } = await openWithStudy();
        const second = await open();
        const keys = Array.from({ length: 40 }, (_, index) => `t${index}`);
        await first.addTrials(studyId, trials(keys));
        const claims = Array.from({ length: 16 }, (_, call) =>
          (call % 2 === 0 ? first : second).claimTrials(studyId, 3, `worker-${call % 2}`),
        );
        const claimedNumbers = (await Promise.all(claims)).flat().map((trial) => trial.number);
        // 16 claims of 3 exceed the 40 trials: every trial is claimed, none twice.
        expect([...claimedNumbers].sort((left, right) => left - right)).toEqual(keys.map((_, index) => index));
        const stored = await second.listTrials(studyId);
        expect(stored.every((trial) => trial.state === 'running' && trial.attempts === 1)).toBe(true);
      });
    });

    describe('startTrials and requeueTrials', () => {
      it('starts queued trials and restarts running ones, counting attempts', async () => {
        const { store, studyId } = await openWithStudy();
        await store.addTrials(studyId, trials(['a', 'b', 'c']));
        await store.startTrials(studyId, [0, 2, 0], 'w1');
        let stored = await store.listTrials(studyId);
        expect(stored.map((trial) => [trial.state, trial.attempts, trial.worker])).toEqual([
          ['running', 1, 'w1'],
          ['queued', 0, null],
          ['running', 1, 'w1'],
        ]);
        expect(stored[0]?.startedAt).toMatch(ISO_TIMESTAMP);
        await store.startTrials(studyId, [2], 'w2');
        stored = await store.listTrials(studyId);
        expect(stored[2]).toMatchObject({ state: 'running', attempts: 2, worker: 'w2' });
        await store.startTrials(studyId, [], 'w3');
      });

      it('refuses to start a finished trial (CONFLICT), changing nothing', async () => {
        const { store, studyId } = await openWithStudy();
        await store.addTrials(studyId, trials(['a', 'b']));
        await store.completeTrial(studyId, 1, { top1: 0.7 });
        const before = await store.listTrials(studyId);
        await expectCarveError(store.startTrials(studyId, [0, 1], 'w'), 'CONFLICT', 'number');
        expect(await store.listTrials(studyId)).toEqual(before);
      });

      it('refuses unknown trial numbers (NOT_FOUND)', async () => {
        const { store, studyId } = await openWithStudy();
        await store.addTrials(studyId, trials(['a']));
        await expectCarveError(store.startTrials(studyId, [0, 7], 'w'), 'NOT_FOUND', 'number');
        await expectCarveError(store.requeueTrials(studyId, [9]), 'NOT_FOUND', 'number');
        expect((await store.listTrials(studyId))[0]?.state).toBe('queued');
      });

      it('requeues running trials, keeping their attempts; leaves queued and finished ones alone', async () => {
        const { store, studyId } = await openWithStudy();
        await store.addTrials(studyId, trials(['a', 'b', 'c', 'd']));
        await store.claimTrials(studyId, 3, 'dead-worker');
        await store.completeTrial(studyId, 2, { top1: 0.9 });
        await store.requeueTrials(studyId, [0, 1, 2, 3]);
        const stored = await store.listTrials(studyId);
        expect(stored.map((trial) => [trial.state, trial.attempts, trial.worker])).toEqual([
          ['queued', 1, null],
          ['queued', 1, null],
          ['complete', 1, 'dead-worker'],
          ['queued', 0, null],
        ]);
        expect(stored[0]?.startedAt).toBeNull();
        expect(stored[2]?.values).toEqual({ top1: 0.9 });
        const reclaimed = await store.claimTrials(studyId, 1, 'new-worker');
        expect(reclaimed[0]).toMatchObject({ number: 0, attempts: 2, worker: 'new-worker' });
      });
    });

    describe('leases: heartbeatTrials and requeueExpiredTrials', () => {
      const openClocked = async (): Promise<{ store: TrialStore; studyId: number; clock: ReturnType<typeof manualClock> }> => {
        const clock = manualClock();
        const store = await open({ clock: clock.now });
        const study = await store.createStudy(unique('lease'), {});
        return { store, studyId: study.id, clock };
      };

      it('starts a trial with no heartbeat; a heartbeat stamps only trials running for that worker', async () => {
        const { store, studyId, clock } = await openClocked();
        await store.addTrials(studyId, trials(['a', 'b', 'c', 'd']));
        await store.claimTrials(studyId, 2, 'w1');
        await store.startTrials(studyId, [2], 'w2');
        await store.completeTrial(studyId, 1, { top1: 1 });
        expect((await store.listTrials(studyId)).map((trial) => trial.heartbeatAt)).toEqual([null, null, null, null]);
        clock.advance(5_000);
        // 1 is complete, 2 belongs to w2, 3 is queued, 9 does not exist: only 0 is still held by w1.
        expect(await store.heartbeatTrials(studyId, [3, 2, 1, 0, 9], 'w1')).toEqual([0]);
        const stored = await store.listTrials(studyId);
        expect(stored[0]?.heartbeatAt).toBe(clock.now().toISOString());
        expect(stored.slice(1).map((trial) => trial.heartbeatAt)).toEqual([null, null, null]);
        expect(await store.heartbeatTrials(studyId, [], 'w1')).toEqual([]);
      });

      it('requeues running trials whose last heartbeat, else start, is older than the lease', async () => {
        const { store, studyId, clock } = await openClocked();
        await store.addTrials(studyId, trials(['a', 'b', 'c', 'd', 'e']));
        const startedAt = clock.now().toISOString();
        await store.claimTrials(studyId, 3, 'dead');
        await store.startTrials(studyId, [3], 'alive');
        clock.advance(20_000);
        await store.heartbeatTrials(studyId, [1], 'dead');
        await store.heartbeatTrials(studyId, [3], 'alive');
        await store.completeTrial(studyId, 2, { top1: 0.5 });
        clock.advance(20_000);
        // 40 s since the start, 20 s since the heartbeats: a 30 s lease expires 0 only.
        expect(await store.requeueExpiredTrials(studyId, 30_000)).toEqual([{ number: 0, worker: 'dead', lastSeenAt: startedAt }]);
        let stored = await store.listTrials(studyId);
        expect(stored[0]).toMatchObject({ state: 'queued', worker: null, startedAt: null, heartbeatAt: null, attempts: 1 });
        expect(stored.slice(1).map((trial) => trial.state)).toEqual(['running', 'complete', 'running', 'queued']);
        // A lease exactly as old as the last sign of life has not run out yet.
        expect(await store.requeueExpiredTrials(studyId, 20_000)).toEqual([]);
        clock.advance(1);
        const expired = await store.requeueExpiredTrials(studyId, 20_000);
        expect(expired.map((trial) => [trial.number, trial.worker])).toEqual([
          [1, 'dead'],
          [3, 'alive'],
        ]);
        stored = await store.listTrials(studyId);
        expect(stored.map((trial) => trial.state)).toEqual(['queued', 'queued', 'complete', 'queued', 'queued']);
        expect(stored[2]?.values).toEqual({ top1: 0.5 });
        // Claimed again: a fresh start, counted as another attempt, no heartbeat carried over.
        const reclaimed = await store.claimTrials(studyId, 2, 'new');
        expect(reclaimed.map((trial) => [trial.number, trial.attempts, trial.heartbeatAt])).toEqual([
          [0, 2, null],
          [1, 2, null],
        ]);
      });

      it('leaves other studies alone and refuses a negative or non-finite lease (BAD_INPUT)', async () => {
        const { store, studyId, clock } = await openClocked();
        const other = await store.createStudy(unique('other'), {});
        await store.addTrials(studyId, trials(['a']));
        await store.addTrials(other.id, trials(['a']));
        await store.claimTrials(other.id, 1, 'w');
        clock.advance(60_000);
        expect(await store.requeueExpiredTrials(studyId, 1_000)).toEqual([]);
        expect((await store.listTrials(other.id))[0]?.state).toBe('running');
        await expectCarveError(store.requeueExpiredTrials(studyId, -1), 'BAD_INPUT', 'leaseMs');
        await expectCarveError(store.requeueExpiredTrials(studyId, Number.NaN), 'BAD_INPUT', 'leaseMs');
        await expectCarveError(store.heartbeatTrials(studyId, [-1], 'w'), 'BAD_INPUT', 'number');
      });

      itShared('never requeues one trial for two callers on different connections', async () => {
        const clock = manualClock();
        const [first, second] = [await open({ clock: clock.now }), await open({ clock: clock.now })];
        const study = await first.createStudy(unique('lease-race'), {});
        const keys = Array.from({ length: 30 }, (_, index) => `r${index}`);
        await first.addTrials(study.id, trials(keys));
        await first.claimTrials(study.id, 30, 'dead');
        clock.advance(10_000);
        const calls = Array.from({ length: 6 }, (_, call) => (call % 2 === 0 ? first : second).requeueExpiredTrials(study.id, 5_000));
        const requeued = (await Promise.all(calls)).flat().map((trial) => trial.number);
        expect([...requeued].sort((left, right) => left - right)).toEqual(keys.map((_, index) => index));
        expect((await second.listTrials(study.id)).every((trial) => trial.state === 'queued')).toBe(true);
      });
    });

    describe('completeTrial and failTrial', () => {
      it('completes a running trial with its values', async () => {
        const { store, studyId } = await openWithStudy();
        await store.addTrials(studyId, trials(['a']));
        await store.claimTrials(studyId, 1, 'w');
        await store.completeTrial(studyId, 0, { top1: 0.765, latency_ms: 12.25 });
        const trial = (await store.listTrials(studyId))[0];
        expect(trial).toMatchObject({
          state: 'complete',
          values: { top1: 0.765, latency_ms: 12.25 },
          fromCache: false,
          worker: 'w',
          reason: null,
        });
        expect(trial?.completedAt).toMatch(ISO_TIMESTAMP);
      });

      it('completes a queued trial from the cache', async () => {
        const { store, studyId } = await openWithStudy();
        await store.addTrials(studyId, trials(['a']));
        await store.completeTrial(studyId, 0, { top1: 0.5 }, { fromCache: true });
        expect((await store.listTrials(studyId))[0]).toMatchObject({
          state: 'complete',
          fromCache: true,
          attempts: 0,
          startedAt: null,
        });
      });

      it('stores the measurements given with a completion', async () => {
        const { store, studyId } = await openWithStudy();
        const evaluator = unique('onnx-cpu');
        await store.addTrials(studyId, trials(['a']));
        await store.completeTrial(studyId, 0, { latency_ms: 3.5 }, {
          measurements: [
            { evaluator, key: 'a', values: { latency_ms: 3.5 }, meta: { repeats: 20, spreadMs: 0.1 } },
            { evaluator: `${evaluator}-macs`, key: 'a', values: { macs: 1e8 } },
          ],
        });
        const latency = (await store.getMeasurements(evaluator, ['a'])).get('a');
        expect(latency).toMatchObject({ evaluator, key: 'a', values: { latency_ms: 3.5 }, meta: { repeats: 20, spreadMs: 0.1 } });
        expect(latency?.createdAt).toMatch(ISO_TIMESTAMP);
        expect((await store.getMeasurements(`${evaluator}-macs`, ['a'])).get('a')?.meta).toBeNull();
      });

      it('refuses to complete a finished trial (CONFLICT) and stores none of its measurements', async () => {
        const { store, studyId } = await openWithStudy();
        const evaluator = unique('eval');
        await store.addTrials(studyId, trials(['a', 'b']));
        await store.completeTrial(studyId, 0, { top1: 0.1 });
        await store.failTrial(studyId, 1, 'crashed');
        await expectCarveError(
          store.completeTrial(studyId, 0, { top1: 0.2 }, { measurements: [{ evaluator, key: 'a', values: { top1: 0.2 } }] }),
          'CONFLICT',
          'number',
        );
        await expectCarveError(
          store.completeTrial(studyId, 1, { top1: 0.3 }, { measurements: [{ evaluator, key: 'b', values: { top1: 0.3 } }] }),
          'CONFLICT',
        );
        const stored = await store.listTrials(studyId);
        expect(stored.map((trial) => [trial.state, trial.values])).toEqual([
          ['complete', { top1: 0.1 }],
          ['failed', null],
        ]);
        expect((await store.getMeasurements(evaluator, ['a', 'b'])).size).toBe(0);
      });

      it('refuses non-finite values (BAD_INPUT) and leaves the trial open', async () => {
        const { store, studyId } = await openWithStudy();
        await store.addTrials(studyId, trials(['a']));
        await expectCarveError(store.completeTrial(studyId, 0, { top1: Number.NaN }), 'BAD_INPUT', 'values.top1');
        await expectCarveError(
          store.completeTrial(studyId, 0, { top1: Number.POSITIVE_INFINITY }),
          'BAD_INPUT',
          'values.top1',
        );
        expect((await store.listTrials(studyId))[0]?.state).toBe('queued');
      });

      it('refuses an unknown trial (NOT_FOUND)', async () => {
        const { store, studyId } = await openWithStudy();
        await expectCarveError(store.completeTrial(studyId, 0, { top1: 1 }), 'NOT_FOUND');
        await expectCarveError(store.failTrial(studyId, 3, 'x'), 'NOT_FOUND');
      });

      it('fails a trial with its reason, once', async () => {
        const { store, studyId } = await openWithStudy();
        await store.addTrials(studyId, trials(['a', 'b']));
        await store.claimTrials(studyId, 1, 'w');
        await store.failTrial(studyId, 0, 'evaluator exited with code 137');
        await store.failTrial(studyId, 1, 'never started');
        const stored = await store.listTrials(studyId);
        expect(stored[0]).toMatchObject({ state: 'failed', reason: 'evaluator exited with code 137', values: null });
        expect(stored[0]?.completedAt).toMatch(ISO_TIMESTAMP);
        expect(stored[1]).toMatchObject({ state: 'failed', reason: 'never started' });
        await expectCarveError(store.failTrial(studyId, 0, 'again'), 'CONFLICT');
        await expectCarveError(store.completeTrial(studyId, 0, { top1: 1 }), 'CONFLICT');
        expect((await store.listTrials(studyId))[0]?.reason).toBe('evaluator exited with code 137');
      });
    });

    describe('listTrials', () => {
      it('filters by state and orders by number', async () => {
        const { store, studyId } = await openWithStudy();
        await store.addTrials(studyId, trials(['a', 'b', 'c', 'd', 'e', 'f']));
        await store.startTrials(studyId, [4], 'w');
        await store.completeTrial(studyId, 3, { top1: 3 });
        await store.completeTrial(studyId, 0, { top1: 0 });
        await store.failTrial(studyId, 5, 'r');
        const numbersIn = async (states?: TrialRecord['state'][]): Promise<number[]> =>
          (await store.listTrials(studyId, states === undefined ? {} : { states })).map((trial) => trial.number);
        expect(await numbersIn()).toEqual([0, 1, 2, 3, 4, 5]);
        expect(await numbersIn(['complete'])).toEqual([0, 3]);
        expect(await numbersIn(['failed', 'queued'])).toEqual([1, 2, 5]);
        expect(await numbersIn(['running'])).toEqual([4]);
        expect(await numbersIn([])).toEqual([]);
      });

      it('returns [] for an unknown study and refuses an unknown state (BAD_INPUT)', async () => {
        const { store, studyId } = await openWithStudy();
        expect(await store.listTrials(studyId + 100_000)).toEqual([]);
        await expectCarveError(
          store.listTrials(studyId, { states: ['done' as TrialRecord['state']] }),
          'BAD_INPUT',
          'states',
        );
      });
    });

    describe('measurements', () => {
      it('keeps the first measurement for an evaluator and key', async () => {
        const store = await open();
        const evaluator = unique('eval');
        await store.putMeasurement({ evaluator, key: 'k', values: { latency_ms: 1 }, meta: { run: 1 } });
        await store.putMeasurement({ evaluator, key: 'k', values: { latency_ms: 2 }, meta: { run: 2 } });
        const found = (await store.getMeasurements(evaluator, ['k'])).get('k');
        expect(found).toMatchObject({ evaluator, key: 'k', values: { latency_ms: 1 }, meta: { run: 1 } });
      });

      it('keeps evaluators apart', async () => {
        const store = await open();
        const [cpu, gpu] = [unique('cpu'), unique('gpu')];
        await store.putMeasurement({ evaluator: cpu, key: 'k', values: { latency_ms: 10 } });
        await store.putMeasurement({ evaluator: gpu, key: 'k', values: { latency_ms: 1 } });
        expect((await store.getMeasurements(cpu, ['k'])).get('k')?.values).toEqual({ latency_ms: 10 });
        expect((await store.getMeasurements(gpu, ['k'])).get('k')?.values).toEqual({ latency_ms: 1 });
      });

      it('looks up 1,000 keys at once, returning only those stored', async () => {
        const { store, studyId } = await openWithStudy();
        const evaluator = unique('bulk');
        const keys = Array.from({ length: 1000 }, (_, index) => `key-${index}`);
        const stored = keys.filter((_, index) => index % 5 !== 0);
        await store.addTrials(studyId, trials(['bulk']));
        await store.completeTrial(studyId, 0, { top1: 0 }, {
          measurements: stored.map((key, index) => ({ evaluator, key, values: { top1: index / 7 } })),
        });
        const found = await store.getMeasurements(evaluator, keys);
        expect(found.size).toBe(stored.length);
        expect(found.has('key-0')).toBe(false);
        expect(found.get('key-1')?.values).toEqual({ top1: 0 });
        expect(found.get('key-999')?.values).toEqual({ top1: (stored.length - 1) / 7 });
        expect((await store.getMeasurements(evaluator, [])).size).toBe(0);
      });

      it('refuses non-finite measurement values (BAD_INPUT)', async () => {
        const store = await open();
        const evaluator = unique('eval');
        await expectCarveError(
          store.putMeasurement({ evaluator, key: 'k', values: { latency_ms: Number.NEGATIVE_INFINITY } }),
          'BAD_INPUT',
        );
        expect((await store.getMeasurements(evaluator, ['k'])).size).toBe(0);
      });

      itShared('shares measurements between connections', async () => {
        const [first, second] = [await open(), await open()];
        const evaluator = unique('shared');
        await first.putMeasurement({ evaluator, key: 'k', values: { latency_ms: 4 } });
        expect((await second.getMeasurements(evaluator, ['k'])).get('k')?.values).toEqual({ latency_ms: 4 });
      });
    });

    describe('events', () => {
      it('appends events in order and filters them by kind', async () => {
        const { store, studyId } = await openWithStudy();
        const other = await store.createStudy(unique('other'), {});
        await store.appendEvent(studyId, 'predictor', { iteration: 0, kendallTau: 0.61 });
        await store.appendEvent(other.id, 'predictor', { iteration: 0 });
        await store.appendEvent(studyId, 'tactic', { decision: 'validate', batch: [1, 2] });
        await store.appendEvent(studyId, 'predictor', { iteration: 1, kendallTau: 0.72 });
        await store.appendEvent(studyId, 'stderr', 'line "quoted"\n');
        const events = await store.listEvents(studyId);
        expect(events.map((event) => [event.seq, event.kind])).toEqual([
          [0, 'predictor'],
          [1, 'tactic'],
          [2, 'predictor'],
          [3, 'stderr'],
        ]);
        expect(events[1]).toMatchObject({ studyId, payload: { decision: 'validate', batch: [1, 2] } });
        expect(events[3]?.payload).toBe('line "quoted"\n');
        expect(events[0]?.createdAt).toMatch(ISO_TIMESTAMP);
        const predictor = await store.listEvents(studyId, 'predictor');
        expect(predictor.map((event) => event.payload)).toEqual([
          { iteration: 0, kendallTau: 0.61 },
          { iteration: 1, kendallTau: 0.72 },
        ]);
        expect((await store.listEvents(other.id)).map((event) => event.seq)).toEqual([0]);
      });

      it('refuses an event for an unknown study (NOT_FOUND)', async () => {
        const { store, studyId } = await openWithStudy();
        await expectCarveError(store.appendEvent(studyId + 100_000, 'note', {}), 'NOT_FOUND', 'studyId');
      });

      itShared('numbers events without gaps when two connections append at once', async () => {
        const { store: first, studyId } = await openWithStudy();
        const second = await open();
        await Promise.all(
          Array.from({ length: 20 }, (_, index) => (index % 2 === 0 ? first : second).appendEvent(studyId, 'n', index)),
        );
        const events = await first.listEvents(studyId);
        expect(events.map((event) => event.seq)).toEqual(Array.from({ length: 20 }, (_, index) => index));
        expect(events.map((event) => event.payload as number).sort((left, right) => left - right)).toEqual(
          Array.from({ length: 20 }, (_, index) => index),
        );
      });
    });

    describe('numbers round-trip exactly', () => {
      it('through trial values, measurements, genomes, configs, specs and events', async () => {
        const store = await open();
        const evaluator = unique('exact');
        const awkwardList = Object.values(AWKWARD_NUMBERS);
        const study = await store.createStudy(unique('exact'), { awkward: AWKWARD_NUMBERS });
        await store.addTrials(study.id, [{ key: 'x', genome: awkwardList, config: AWKWARD_NUMBERS, batch: 0 }]);
        await store.completeTrial(study.id, 0, AWKWARD_NUMBERS, {
          measurements: [{ evaluator, key: 'x', values: AWKWARD_NUMBERS, meta: awkwardList }],
        });
        await store.appendEvent(study.id, 'numbers', AWKWARD_NUMBERS);

        const trial = (await store.listTrials(study.id))[0];
        const measurement = (await store.getMeasurements(evaluator, ['x'])).get('x');
        const spec = (await store.getStudy(study.name))?.spec as { awkward: Record<string, number> };
        const event = (await store.listEvents(study.id))[0];
        for (const [key, expected] of Object.entries(AWKWARD_NUMBERS)) {
          // Object.is: exact bit-for-bit equality, not a tolerance.
          expect(Object.is(trial?.values?.[key], expected), `trial values.${key}`).toBe(true);
          expect(Object.is(measurement?.values[key], expected), `measurement values.${key}`).toBe(true);
          expect(Object.is((trial?.config as Record<string, number>)[key], expected), `config.${key}`).toBe(true);
          expect(Object.is(spec.awkward[key], expected), `spec.${key}`).toBe(true);
          expect(Object.is((event?.payload as Record<string, number>)[key], expected), `payload.${key}`).toBe(true);
        }
        awkwardList.forEach((expected, index) => {
          expect(Object.is(trial?.genome[index], expected), `genome[${index}]`).toBe(true);
          expect(Object.is((measurement?.meta as number[])[index], expected), `meta[${index}]`).toBe(true);
        });
      });
    });
  });
}

function trials(keys: readonly string[], batch = 0): NewTrial[] {
  return keys.map((key, index) => ({ key, genome: [index, 1, 0], config: { key }, batch }));
}

async function expectCarveError(promise: Promise<unknown>, code: CarveErrorCode, field?: string): Promise<void> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(isCarveError(caught), `expected a CarveError ${code}, got ${String(caught)}`).toBe(true);
  if (!isCarveError(caught)) return;
  expect(caught.code, caught.message).toBe(code);
  if (field !== undefined) expect(caught.field).toBe(field);
}
