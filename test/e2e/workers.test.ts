// End to end: `carve search --workers remote` with `carve worker` processes on PostgreSQL (and on one SQLite
// file) ends with exactly the trials of an in-process search with the same seed; a worker killed with SIGKILL
// while holding a claim loses nothing, its trials are requeued after the lease and measured once by another
// worker. Runs the built CLI (npm run build first).

import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTrialStore } from '../../src/storage/index.js';
import { postgresReachable, testPostgresUrl } from '../../src/storage/testing/postgres-server.js';
import type { TrialRecord, TrialStore } from '../../src/storage/types.js';
import { TRIALS_REQUEUED_EVENT, WORKER_BATCH_EVENT, type WorkerBatchSummary } from '../../src/study/index.js';
import { waitFor as waitForWithin } from '../../src/study/testing/wait-for.js';

/** Polls until `check` returns a value other than undefined (no fixed sleeps as assertions). */
const waitFor = <T>(what: string, check: () => Promise<T | undefined>): Promise<T> => waitForWithin(what, check, WAIT_MS);

const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'bin', 'carve.js');
const dir = mkdtempSync(join(tmpdir(), 'carve-workers-'));
const postgresUrl = testPostgresUrl;
const schemaPrefix = `carve_e2e_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
const schemas: string[] = [];
const children: ChildProcess[] = [];

/** The search every test runs, coordinated or not: several batches of 10, so the tactic observes 4 batches. */
const SEARCH = ['search', '--problem', 'nb201/cifar10/pixel3', '--tactic', 'default', '--evals', '40', '--seed', '3', '--population', '10', '--quiet'];
/** Generous: a loaded 2-core machine may take seconds to start each process. */
const WAIT_MS = 90_000;

interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

function carve(args: readonly string[]): { child: ChildProcess; done: Promise<Finished> } {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<Finished>((resolvePromise, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolvePromise({ code, signal, stderr }));
  });
  return { child, done };
}

async function succeeded(run: { done: Promise<Finished> }, what: string): Promise<void> {
  const result = await run.done;
  expect(result.code, `${what}: ${result.stderr}`).toBe(0);
}

function postgresStorage(label: string): string {
  const schema = `${schemaPrefix}_${label}`;
  schemas.push(schema);
  return `${postgresUrl}?schema=${schema}`;
}

async function withStore<T>(storage: string, work: (store: TrialStore) => Promise<T>): Promise<T> {
  const store = await openTrialStore(storage);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

async function trialsOf(storage: string, study: string): Promise<TrialRecord[]> {
  return withStore(storage, async (store) => {
    const record = await store.getStudy(study);
    return record === null ? [] : store.listTrials(record.id);
  });
}

/** Stored measurements: [rows, distinct keys]. */
async function measurementCounts(storage: string): Promise<[number, number]> {
  if (storage.startsWith('sqlite:')) {
    const connection = new Database(storage.slice('sqlite:'.length), { readonly: true });
    try {
      const row = connection.prepare('SELECT COUNT(*) AS n, COUNT(DISTINCT key) AS k FROM measurements').get() as { n: number; k: number };
      return [row.n, row.k];
    } finally {
      connection.close();
    }
  }
  const schema = new URL(storage).searchParams.get('schema') as string;
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    const result = await client.query<{ n: string; k: string }>(`SELECT COUNT(*) AS n, COUNT(DISTINCT key) AS k FROM "${schema}".measurements`);
    return [Number(result.rows[0]?.n), Number(result.rows[0]?.k)];
  } finally {
    await client.end();
  }
}

async function eventsOf<T>(storage: string, study: string, kind: string): Promise<T[]> {
  return withStore(storage, async (store) => {
    const record = await store.getStudy(study);
    return (await store.listEvents(record?.id ?? -1, kind)).map((event) => event.payload as T);
  });
}

const summary = (trials: readonly TrialRecord[]) => trials.map((trial) => [trial.number, trial.key, trial.state, trial.values]);

const reachable = await postgresReachable();

describe('carve search --workers remote with carve worker processes', () => {
  let reference: TrialRecord[] = [];

  beforeAll(async () => {
    const storage = `sqlite:${join(dir, 'reference.db')}`;
    await succeeded(carve([...SEARCH, '--study', 'ref', '--storage', storage]), 'in-process search');
    reference = await trialsOf(storage, 'ref');
    expect(reference).toHaveLength(40);
  }, WAIT_MS * 2);

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    if (!reachable) return;
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    } finally {
      await client.end();
    }
  });

  const backends = [
    { name: 'PostgreSQL', storage: () => postgresStorage('two_workers'), enabled: reachable },
    { name: 'one SQLite file', storage: () => `sqlite:${join(dir, 'two-workers.db')}`, enabled: true },
  ];
  for (const backend of backends) {
    it.skipIf(!backend.enabled)(`on ${backend.name}: two workers give the trials of an in-process search, each measured once`, async () => {
      const storage = backend.storage();
      const coordinator = carve([...SEARCH, '--study', 'dist', '--storage', storage, '--workers', 'remote']);
      await waitFor('the coordinator to create the study', async () => (await trialsOf(storage, 'dist')).length > 0 || undefined);
      const workers = ['w1', 'w2'].map((name) => carve(['worker', '--storage', storage, '--study', 'dist', '--worker', name, '--batch', '3', '--quiet']));
      await succeeded(coordinator, 'coordinator');
      await Promise.all(workers.map((worker, index) => succeeded(worker, `worker ${index + 1}`)));

      const trials = await trialsOf(storage, 'dist');
      expect(summary(trials)).toEqual(summary(reference));
      expect(trials.every((trial) => trial.worker === 'w1' || trial.worker === 'w2')).toBe(true);
      expect(await measurementCounts(storage)).toEqual([40, 40]);
      const batches = await eventsOf<WorkerBatchSummary>(storage, 'dist', WORKER_BATCH_EVENT);
      const settled = batches.flatMap((batch) => batch.completed).sort((left, right) => left - right);
      expect(settled).toEqual(trials.map((trial) => trial.number));
    }, WAIT_MS * 2);
  }

  it.skipIf(!reachable)('on PostgreSQL: a worker killed while holding a claim loses nothing; its trials are requeued after the lease and completed once by the other', async () => {
    const storage = postgresStorage('killed');
    const coordinator = carve([...SEARCH, '--study', 'dist', '--storage', storage, '--workers', 'remote', '--lease', '2']);
    await waitFor('the coordinator to create the study', async () => (await trialsOf(storage, 'dist')).length > 0 || undefined);
    // This worker claims 4 trials and holds them (heartbeating) without evaluating them until it is killed.
    const doomed = carve(['worker', '--storage', storage, '--study', 'dist', '--worker', 'doomed', '--batch', '4', '--pause-after-claim', '600000', '--quiet']);
    const held = await waitFor('the doomed worker to hold its claim', async () => {
      const running = (await trialsOf(storage, 'dist')).filter((trial) => trial.state === 'running' && trial.worker === 'doomed');
      return running.length === 4 ? running.map((trial) => trial.number) : undefined;
    });
    doomed.child.kill('SIGKILL');
    expect((await doomed.done).signal).toBe('SIGKILL');
    const survivor = carve(['worker', '--storage', storage, '--study', 'dist', '--worker', 'survivor', '--batch', '3', '--quiet']);
    await succeeded(coordinator, 'coordinator');
    await succeeded(survivor, 'surviving worker');

    const trials = await trialsOf(storage, 'dist');
    expect(summary(trials)).toEqual(summary(reference));
    expect(trials.every((trial) => trial.worker === 'survivor')).toBe(true);
    for (const number of held) expect(trials[number]).toMatchObject({ state: 'complete', attempts: 2, fromCache: false });
    const requeued = await eventsOf<{ trials: { number: number; worker: string }[] }>(storage, 'dist', TRIALS_REQUEUED_EVENT);
    expect(requeued.flatMap((event) => event.trials)).toEqual(held.map((number) => expect.objectContaining({ number, worker: 'doomed' })));
    // Each trial completed exactly once, and each architecture measured once.
    const batches = await eventsOf<WorkerBatchSummary>(storage, 'dist', WORKER_BATCH_EVENT);
    expect(batches.every((batch) => batch.worker === 'survivor' && batch.alreadyFinished.length === 0)).toBe(true);
    expect(batches.flatMap((batch) => batch.completed).sort((left, right) => left - right)).toEqual(trials.map((trial) => trial.number));
    expect(await measurementCounts(storage)).toEqual([40, 40]);
  }, WAIT_MS * 2);
});
