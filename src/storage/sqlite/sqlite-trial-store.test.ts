// Runs the TrialStore contract against SQLite (a temporary file and ':memory:'), plus SQLite-only behaviour.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { isCarveError } from '../../core/errors.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, SQLITE_SCHEMA_TABLE_DDL } from '../migrations.js';
import { runTrialStoreContract } from '../trial-store.contract.js';
import { SqliteTrialStore } from './sqlite-trial-store.js';

const directory = mkdtempSync(path.join(tmpdir(), 'carve-sqlite-'));
const sharedFile = path.join(directory, 'contract.db');

runTrialStoreContract(
  'sqlite file',
  async (options) => {
    const store = new SqliteTrialStore(sharedFile, options?.clock === undefined ? {} : { clock: options.clock });
    await store.init();
    return store;
  },
  { sharedData: true },
);

runTrialStoreContract('sqlite :memory:', async (options) => {
  const store = new SqliteTrialStore(':memory:', options?.clock === undefined ? {} : { clock: options.clock });
  await store.init();
  return store;
});

describe('SqliteTrialStore', () => {
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('creates missing parent directories and uses the WAL journal', async () => {
    const file = path.join(directory, 'nested', 'deeper', 'study.db');
    const store = new SqliteTrialStore(file);
    await store.init();
    expect(store.location).toBe(file);
    await store.close();
    const raw = new Database(file, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      const versions = raw.prepare('SELECT version FROM carve_schema ORDER BY version').pluck().all();
      expect(versions).toEqual(Array.from({ length: LATEST_SCHEMA_VERSION }, (_, index) => index + 1));
    } finally {
      raw.close();
    }
  });

  it('upgrades a version-1 file in place, keeping its trials (running ones with no heartbeat)', async () => {
    const file = path.join(directory, 'version1.db');
    const raw = new Database(file);
    raw.exec(SQLITE_SCHEMA_TABLE_DDL);
    const first = MIGRATIONS[0];
    for (const statement of first?.sqlite ?? []) raw.exec(statement);
    raw.prepare('INSERT INTO carve_schema (version, description, applied_at) VALUES (1, ?, ?)').run(first?.description, '2030-01-01T00:00:00.000Z');
    raw.prepare("INSERT INTO studies (name, spec, created_at) VALUES ('old', '{}', '2030-01-01T00:00:00.000Z')").run();
    raw.prepare(
      `INSERT INTO trials (study_id, number, key, genome, config, batch, state, worker, attempts, created_at, started_at)
       VALUES (1, 0, 'k', '[0]', '{}', 0, 'running', 'w', 1, '2030-01-01T00:00:00.000Z', '2030-01-01T00:00:01.000Z')`,
    ).run();
    raw.close();
    const store = new SqliteTrialStore(file, { clock: () => new Date(Date.UTC(2030, 0, 1, 0, 1)) });
    await store.init();
    expect(await store.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    const [trial] = await store.listTrials(1);
    expect(trial).toMatchObject({ key: 'k', state: 'running', worker: 'w', heartbeatAt: null });
    expect(await store.requeueExpiredTrials(1, 30_000)).toEqual([{ number: 0, worker: 'w', lastSeenAt: '2030-01-01T00:00:01.000Z' }]);
    await store.close();
  });

  it('reports version 0 before init', async () => {
    const store = new SqliteTrialStore(':memory:');
    expect(await store.schemaVersion()).toBe(0);
    await store.init();
    expect(await store.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    await store.close();
    await store.close(); // closing twice is harmless
  });

  it('refuses a database written by a newer carve (STORAGE)', async () => {
    const file = path.join(directory, 'newer.db');
    const store = new SqliteTrialStore(file);
    await store.init();
    await store.close();
    const raw = new Database(file);
    raw.prepare("INSERT INTO carve_schema (version, description, applied_at) VALUES (?, 'future', '')").run(
      LATEST_SCHEMA_VERSION + 1,
    );
    raw.close();
    const reopened = new SqliteTrialStore(file);
    const error = await reopened.init().catch((caught: unknown) => caught);
    await reopened.close();
    expect(isCarveError(error) && error.code).toBe('STORAGE');
  });

  it('uses the injected clock for timestamps', async () => {
    const store = new SqliteTrialStore(':memory:', { clock: () => new Date(Date.UTC(2030, 0, 2, 3, 4, 5, 6)) });
    await store.init();
    const study = await store.createStudy('clocked', {});
    expect(study.createdAt).toBe('2030-01-02T03:04:05.006Z');
    await store.close();
  });

  it('wraps an unopenable path as STORAGE naming the location', () => {
    let caught: unknown;
    try {
      new SqliteTrialStore(directory); // a directory, not a file
    } catch (error) {
      caught = error;
    }
    expect(isCarveError(caught) && caught.code).toBe('STORAGE');
    expect(String((caught as Error).message)).toContain(directory);
  });
});
