// The dashboard on PostgreSQL (a fresh schema) while a coordinator and a worker run a real NB201 study:
// it shows the worker, the trials by state as they change, and the coordinator's state.

import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { StudyLive } from '../compose/dashboard-data.js';
import { buildProblemStudy } from '../compose/problem-study.js';
import { openTrialStore, type TrialStore } from '../storage/index.js';
import { COORDINATOR_STARTED_EVENT, STUDY_FINISHED_EVENT, Study, isStudyFinished, runWorker } from '../study/index.js';
import { testPostgresUrl } from '../storage/testing/postgres-server.js';
import { waitFor } from '../study/testing/wait-for.js';
import { startDashboard, type RunningDashboard } from './server.js';

const postgresUrl = testPostgresUrl;
const schema = `carve_dash_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
const storage = `${postgresUrl}?schema=${schema}`;

describe('dashboard on PostgreSQL with a coordinator and a worker', () => {
  const stores: TrialStore[] = [];
  let dashboard: RunningDashboard | undefined;

  afterAll(async () => {
    await dashboard?.close();
    for (const store of stores) await store.close();
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });

  it('shows the worker and the trial states while the remote study runs and after it finished', async () => {
    const open = async (readOnly = false) => {
      const store = await openTrialStore(storage, { readOnly });
      stores.push(store);
      return store;
    };
    const coordinatorStore = await open();
    const { settings, environment } = buildProblemStudy({ problem: 'nb201/cifar10/pixel3', tactic: 'default', seed: 2, populationSize: 10, budget: 20 });
    const coordinator = await Study.open({ store: coordinatorStore, name: 'remote', settings, environment });
    await coordinatorStore.appendEvent(coordinator.record.id, COORDINATOR_STARTED_EVENT, { leaseMs: 60_000, coordinator: 'test-coordinator' });

    dashboard = await startDashboard({ store: await open(true), port: 0, host: '127.0.0.1', refreshSeconds: 1 });
    const live = async (): Promise<StudyLive> => (await (await fetch(`${dashboard?.url}/api/study/remote`)).json()) as StudyLive;

    const workerStore = await open();
    const worker = runWorker({
      store: workerStore,
      studyId: coordinator.record.id,
      objectives: settings.objectives,
      evaluators: environment.evaluators,
      worker: 'worker-<1>',
      batchSize: 4,
      pollMs: 20,
      heartbeatMs: 100,
      // Holds each claim a while, so the dashboard catches trials running.
      pauseAfterClaimMs: 400,
      isFinished: () => isStudyFinished(workerStore, coordinator.record.id, 20),
    });
    const progress = coordinator.optimizeRemote({ leaseMs: 60_000, pollMs: 20 });

    // While it runs: a running trial held by the worker, shown as active, with the coordinator active.
    const during = await waitFor('a running trial on the dashboard', async () => {
      const seen = await live();
      return seen.trials.running > 0 ? seen : undefined;
    });
    expect(during.coordinator.state).toBe('running');
    expect(during.coordinator.active).toBe(true);
    expect(during.workerStates.map((entry) => entry.name)).toEqual(['worker-<1>']);
    expect(during.workerStates[0]?.active).toBe(true);
    expect(during.workerStates[0]?.running).toBe(during.trials.running);

    expect((await progress).evaluations).toBe(20);
    await coordinatorStore.appendEvent(coordinator.record.id, STUDY_FINISHED_EVENT, {});
    const summary = await worker;
    expect(summary.stopped).toBe('finished');

    const after = await live();
    const stored = await coordinatorStore.listTrials(coordinator.record.id);
    const count = (state: string) => stored.filter((trial) => trial.state === state).length;
    expect(after.trials).toEqual({ queued: count('queued'), running: count('running'), complete: count('complete'), failed: count('failed'), total: stored.length });
    expect(after.trials.total).toBe(20);
    expect(after.coordinator.state).toBe('finished');
    expect(after.workerStates).toEqual([
      expect.objectContaining({ name: 'worker-<1>', running: 0, complete: count('complete'), failed: count('failed') }),
    ]);
    expect(after.front.map((row) => row.number).sort((a, b) => a - b)).toEqual(
      coordinator.front().map((member) => member.trial.number).sort((a, b) => a - b),
    );

    const page = await (await fetch(`${dashboard.url}/study/remote`)).text();
    expect(page).toContain('<td>worker-&lt;1&gt;</td>');
    expect(page).toContain('finished test-coordinator');
    expect(page).toContain(`20 / 20`);
    const index = await (await fetch(`${dashboard.url}/`)).text();
    expect(index).toContain('href="/study/remote"');
  }, 120_000);
});
