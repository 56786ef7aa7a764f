// A coordinator (Study.optimizeRemote) with workers (runWorker) on one SQLite file ends with exactly the
// trials of an in-process optimize(); dead claims are requeued after the lease and never measured twice.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTrialStore } from '../storage/index.js';
import type { TrialStore } from '../storage/types.js';
import { STUDY_FINISHED_EVENT, TRIALS_REQUEUED_EVENT, WORKER_BATCH_EVENT, isStudyFinished } from './lifecycle.js';
import { Study } from './study.js';
import { TOY_OBJECTIVES, ToyEvaluator, toyEnvironment, toySettings, toySpace } from './testing/toy-study.js';
import { runWorker, type WorkerOptions, type WorkerBatchSummary } from './worker.js';

describe('coordinator and workers', () => {
  let dir: string;
  let stores: TrialStore[];
  const open = async (name: string): Promise<TrialStore> => {
    const store = await openTrialStore(`sqlite:${join(dir, name)}`);
    stores.push(store);
    return store;
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'carve-remote-'));
    stores = [];
  });
  afterEach(async () => {
    for (const store of stores) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const worker = (store: TrialStore, studyId: number, evaluator: ToyEvaluator, name: string, extra: Partial<WorkerOptions> = {}) =>
    runWorker({
      store,
      studyId,
      objectives: TOY_OBJECTIVES,
      evaluators: [evaluator],
      worker: name,
      batchSize: 3,
      pollMs: 5,
      heartbeatMs: 50,
      isFinished: () => isStudyFinished(store, studyId, 40),
      ...extra,
    });

  it('gives the same trials and values as in-process evaluation, each trial settled once', async () => {
    const space = toySpace();
    const reference = await Study.open({ store: await open('ref.db'), name: 's', settings: toySettings(), environment: toyEnvironment(space, new ToyEvaluator(space)) });
    await reference.optimize();

    const coordinatorStore = await open('dist.db');
    const coordinator = await Study.open({ store: coordinatorStore, name: 's', settings: toySettings(), environment: toyEnvironment(space, new ToyEvaluator(space)) });
    const evaluators = [new ToyEvaluator(space), new ToyEvaluator(space)];
    const workerStores = [await open('dist.db'), await open('dist.db')];
    const batches: WorkerBatchSummary[] = [];
    const workers = workerStores.map((store, index) =>
      worker(store, coordinator.record.id, evaluators[index] as ToyEvaluator, `w${index}`, { onBatch: (batch) => batches.push(batch) }),
    );
    const progress = await coordinator.optimizeRemote({ leaseMs: 60_000, pollMs: 5 });
    await coordinatorStore.appendEvent(coordinator.record.id, STUDY_FINISHED_EVENT, {});
    const summaries = await Promise.all(workers);

    expect(progress.evaluations).toBe(40);
    const pick = (study: Study) => study.trials().map((trial) => [trial.key, trial.state, trial.values, trial.batch]);
    expect(pick(coordinator)).toEqual(pick(reference));
    const stored = await coordinatorStore.listTrials(coordinator.record.id);
    expect(stored.map((trial) => [trial.key, trial.state, trial.values, trial.batch])).toEqual(pick(reference));
    expect(stored.every((trial) => trial.worker === 'w0' || trial.worker === 'w1')).toBe(true);
    // Every trial evaluated by exactly one worker, once.
    const calls = evaluators.flatMap((evaluator) => evaluator.calls);
    expect([...calls].sort()).toEqual(stored.map((trial) => trial.key).sort());
    const settled = batches.flatMap((batch) => [...batch.completed, ...batch.failed]).sort((a, b) => a - b);
    expect(settled).toEqual(stored.map((trial) => trial.number));
    expect(summaries.every((summary) => summary.stopped === 'finished')).toBe(true);
    expect((await coordinatorStore.listEvents(coordinator.record.id, WORKER_BATCH_EVENT)).length).toBe(batches.length);
  });

  it('requeues a dead claim after the lease; a stored measurement answers it without another evaluator call', async () => {
    const space = toySpace();
    const store = await open('lease.db');
    const coordinator = await Study.open({ store, name: 's', settings: toySettings({ budget: 8 }), environment: toyEnvironment(space, new ToyEvaluator(space)) });
    const handles = await coordinator.ask(Number.POSITIVE_INFINITY, 8);
    expect(handles).toHaveLength(8);
    // A worker claims two trials, stores the measurement of the first, and dies before settling either.
    const dead = await store.claimTrials(coordinator.record.id, 2, 'dead');
    const [first, second] = dead;
    const measured = (await new ToyEvaluator(space).evaluate([{ key: first?.key as string, genome: first?.genome as number[], config: null }]))[0];
    await store.putMeasurement({ evaluator: 'toy@1', key: first?.key as string, values: measured?.ok === true ? measured.values : {} });

    const evaluator = new ToyEvaluator(space);
    const requeued: number[] = [];
    const running = worker(await open('lease.db'), coordinator.record.id, evaluator, 'alive');
    const progress = await coordinator.optimizeRemote({ budget: 8, leaseMs: 100, pollMs: 5, onRequeued: (expired) => requeued.push(...expired.map((trial) => trial.number)) });
    await store.appendEvent(coordinator.record.id, STUDY_FINISHED_EVENT, {});
    await running;

    expect(progress.complete).toBe(8);
    expect(requeued).toEqual([first?.number, second?.number]);
    const stored = await store.listTrials(coordinator.record.id);
    expect(stored.every((trial) => trial.state === 'complete' && trial.worker === 'alive')).toBe(true);
    expect(stored[first?.number as number]).toMatchObject({ fromCache: true, attempts: 2 });
    expect(stored[second?.number as number]).toMatchObject({ fromCache: false, attempts: 2 });
    // The measured architecture was never sent to an evaluator again; the rest once each.
    expect(evaluator.calls).not.toContain(first?.key);
    expect(evaluator.calls).toHaveLength(7);
    const events = await store.listEvents(coordinator.record.id, TRIALS_REQUEUED_EVENT);
    expect(events[0]?.payload).toMatchObject({ leaseMs: 100, trials: [{ number: first?.number, worker: 'dead' }, { number: second?.number, worker: 'dead' }] });
  });

  it('a coordinator that crashed mid-batch resumes by replay and picks up queued, running and finished trials', async () => {
    const space = toySpace();
    const reference = await Study.open({ store: await open('ref.db'), name: 's', settings: toySettings(), environment: toyEnvironment(space, new ToyEvaluator(space)) });
    await reference.optimize();

    const store = await open('crash.db');
    const first = await Study.open({ store, name: 's', settings: toySettings(), environment: toyEnvironment(space, new ToyEvaluator(space)) });
    // Two batches evaluated by a worker, then the third stored and partly done when the coordinator dies:
    // two trials complete, two held by a worker that died too, the rest still queued.
    const stopEarly = new AbortController();
    const early = worker(await open('crash.db'), first.record.id, new ToyEvaluator(space), 'early', { isFinished: async () => false, signal: stopEarly.signal });
    await first.optimizeRemote({ budget: 16, leaseMs: 60_000, pollMs: 5 });
    stopEarly.abort();
    expect((await early).stopped).toBe('aborted');
    const third = await first.ask(Number.POSITIVE_INFINITY, 40);
    expect(third.length).toBe(8);
    const answers = await new ToyEvaluator(space).evaluate(third.slice(0, 2));
    for (const [index, answer] of answers.entries()) {
      if (answer.ok) await first.tell(third[index] as (typeof third)[number], { ok: true, values: answer.values });
    }
    await store.claimTrials(first.record.id, 2, 'dead');

    const evaluator = new ToyEvaluator(space);
    const resumed = await Study.open({ store, name: 's', settings: toySettings(), environment: toyEnvironment(space, new ToyEvaluator(space)), mode: 'resume' });
    expect(resumed.evaluationCount).toBe(24);
    const running = worker(await open('crash.db'), resumed.record.id, evaluator, 'late');
    await resumed.optimizeRemote({ leaseMs: 100, pollMs: 5 });
    await store.appendEvent(resumed.record.id, STUDY_FINISHED_EVENT, {});
    await running;
    const pick = (study: Study) => study.trials().map((trial) => [trial.key, trial.state, trial.values, trial.batch]);
    expect(pick(resumed)).toEqual(pick(reference));
    // Only what was never measured went to the evaluator: 40 - 16 - the 2 told before the crash.
    expect(evaluator.calls).toHaveLength(40 - 16 - 2);
  });

  it('a coordinator with no worker says so after idleMs, again after each further idleMs, and goes on when one comes', async () => {
    const space = toySpace();
    const store = await open('lonely.db');
    const study = await Study.open({ store, name: 's', settings: toySettings({ budget: 6 }), environment: toyEnvironment(space, new ToyEvaluator(space)) });
    const told: { queued: number; waitedMs: number }[] = [];
    const coordinator = study.optimizeRemote({ leaseMs: 60_000, pollMs: 5, idleMs: 40, onIdle: (status) => told.push(status) });
    // No worker yet: wait (polling, no fixed sleep as the assertion) until the coordinator has spoken twice.
    for (let tries = 0; tries < 2000 && told.length < 2; tries += 1) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(told.length).toBeGreaterThanOrEqual(2);
    expect(told[0]?.queued).toBeGreaterThan(0);
    expect(told[0]?.waitedMs).toBeGreaterThanOrEqual(40);
    expect(told[1]?.waitedMs).toBeGreaterThanOrEqual(80);
    const done = await worker(store, study.record.id, new ToyEvaluator(space), 'late', { isFinished: () => isStudyFinished(store, study.record.id, 6) });
    expect((await coordinator).evaluations).toBe(6);
    expect(done.completed).toBe(6);
  });

  it('a worker stops after --idle-exit with nothing to claim, and at once on a finished study', async () => {
    const space = toySpace();
    const store = await open('idle.db');
    const study = await Study.open({ store, name: 's', settings: toySettings({ budget: 4 }), environment: toyEnvironment(space, new ToyEvaluator(space)) });
    const idle = await worker(store, study.record.id, new ToyEvaluator(space), 'w', { idleExitMs: 30, isFinished: async () => false });
    expect(idle).toMatchObject({ stopped: 'idle', batches: 0 });
    expect(await isStudyFinished(store, study.record.id, 4)).toBe(false);
    await study.optimize();
    // No coordinator ever ran: finished because the stored budget is reached and nothing is open.
    expect(await isStudyFinished(store, study.record.id, 4)).toBe(true);
    expect(await worker(store, study.record.id, new ToyEvaluator(space), 'w', { isFinished: () => isStudyFinished(store, study.record.id, 4) })).toMatchObject({ stopped: 'finished' });
  });

  it('a worker that settles a trial someone else finished counts it, and leaves it as it was', async () => {
    const space = toySpace();
    const store = await open('conflict.db');
    const study = await Study.open({ store, name: 's', settings: toySettings({ budget: 2 }), environment: toyEnvironment(space, new ToyEvaluator(space)) });
    await study.ask(Number.POSITIVE_INFINITY, 2);
    const batches: WorkerBatchSummary[] = [];
    // The worker holds its claim 200 ms; meanwhile another process finishes trial 0.
    const running = worker(store, study.record.id, new ToyEvaluator(space), 'slow', { pauseAfterClaimMs: 200, idleExitMs: 0, isFinished: async () => false, onBatch: (batch) => batches.push(batch) });
    for (let tries = 0; (await store.listTrials(study.record.id, { states: ['running'] })).length < 2 && tries < 500; tries += 1) await new Promise((r) => setTimeout(r, 5));
    await store.failTrial(study.record.id, 0, 'settled elsewhere');
    await running;
    expect(batches[0]).toMatchObject({ trials: [0, 1], completed: [1], alreadyFinished: [0] });
    expect((await store.listTrials(study.record.id))[0]).toMatchObject({ state: 'failed', reason: 'settled elsewhere' });
  });
});
