// Runs the TrialStore contract against PostgreSQL in a throw-away schema, plus PostgreSQL-only behaviour.

import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { isCarveError } from '../../core/errors.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, POSTGRES_SCHEMA_TABLE_DDL } from '../migrations.js';
import { openTrialStore } from '../open.js';
import { runTrialStoreContract } from '../trial-store.contract.js';
import { postgresReachable, testPostgresUrl } from '../testing/postgres-server.js';
import { PostgresTrialStore } from './postgres-trial-store.js';

const connectionString = testPostgresUrl;
const schemaPrefix = `carve_test_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
const createdSchemas: string[] = [];

function freshSchema(label: string): string {
  const schema = `${schemaPrefix}_${label}`;
  createdSchemas.push(schema);
  return schema;
}

async function dropSchemas(): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    for (const schema of createdSchemas.splice(0)) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

const reachable = await postgresReachable();
const describeServer = reachable ? describe : describe.skip;

describeServer('PostgresTrialStore', () => {
  const contractSchema = freshSchema('contract');

  runTrialStoreContract(
    'postgres',
    async (options) => {
      const store = new PostgresTrialStore({
        connectionString,
        schema: contractSchema,
        ...(options?.clock === undefined ? {} : { clock: options.clock }),
      });
      await store.init();
      return store;
    },
    { sharedData: true },
  );

  afterAll(dropSchemas);

  it('creates its schema and tables on first init, even from two stores at once', async () => {
    const schema = freshSchema('concurrent_init');
    const stores = [0, 1, 2].map(() => new PostgresTrialStore({ connectionString, schema }));
    try {
      expect(await stores[0]?.schemaVersion()).toBe(0);
      await Promise.all(stores.map((store) => store.init()));
      for (const store of stores) expect(await store.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
      const client = new pg.Client({ connectionString });
      await client.connect();
      try {
        const tables = await client.query<{ table_name: string }>(
          'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
          [schema],
        );
        expect(tables.rows.map((row) => row.table_name)).toEqual([
          'carve_schema',
          'events',
          'measurements',
          'studies',
          'trials',
        ]);
        const versions = await client.query<{ version: number }>(`SELECT version FROM "${schema}".carve_schema`);
        expect(versions.rows).toHaveLength(LATEST_SCHEMA_VERSION);
      } finally {
        await client.end();
      }
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it('upgrades a version-1 schema in place, keeping its trials (running ones with no heartbeat)', async () => {
    const schema = freshSchema('version1');
    const client = new pg.Client({ connectionString });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA "${schema}"`);
      await client.query(`SET search_path TO "${schema}"`);
      await client.query(POSTGRES_SCHEMA_TABLE_DDL);
      const first = MIGRATIONS[0];
      for (const statement of first?.postgres ?? []) await client.query(statement);
      await client.query("INSERT INTO carve_schema (version, description, applied_at) VALUES (1, $1, now())", [first?.description]);
      await client.query("INSERT INTO studies (id, name, spec, created_at) VALUES (1, 'old', '{}', now())");
      await client.query(
        `INSERT INTO trials (study_id, number, key, genome, config, batch, state, worker, attempts, created_at, started_at)
         VALUES (1, 0, 'k', '[0]', '{}', 0, 'running', 'w', 1, now(), '2030-01-01T00:00:01.000Z')`,
      );
    } finally {
      await client.end();
    }
    const store = new PostgresTrialStore({ connectionString, schema, clock: () => new Date(Date.UTC(2030, 0, 1, 0, 1)) });
    try {
      await store.init();
      expect(await store.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
      const [trial] = await store.listTrials(1);
      expect(trial).toMatchObject({ key: 'k', state: 'running', worker: 'w', heartbeatAt: null });
      expect(await store.requeueExpiredTrials(1, 30_000)).toEqual([{ number: 0, worker: 'w', lastSeenAt: '2030-01-01T00:00:01.000Z' }]);
    } finally {
      await store.close();
    }
  });

  it('is opened by openTrialStore from a URL with ?schema=', async () => {
    const schema = freshSchema('opened');
    const store = await openTrialStore(`${connectionString}?schema=${schema}`);
    try {
      expect(store.kind).toBe('postgres');
      expect(store.location).toContain(`schema=${schema}`);
      expect(await store.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    } finally {
      await store.close();
    }
  });

  it('keeps the password out of its location', async () => {
    const store = new PostgresTrialStore({ connectionString: 'postgres://carve:s3cret@db.example:5432/carve' });
    expect(store.location).not.toContain('s3cret');
    expect(store.location).toContain('carve@db.example:5432/carve');
    await store.close();
  });

  it('refuses an invalid schema name (BAD_INPUT)', () => {
    let caught: unknown;
    try {
      new PostgresTrialStore({ connectionString, schema: 'Robert"; DROP TABLE studies; --' });
    } catch (error) {
      caught = error;
    }
    expect(isCarveError(caught) && caught.field).toBe('schema');
  });

  it('reports an unreachable server as STORAGE with a hint', async () => {
    const store = new PostgresTrialStore({ connectionString: 'postgres://postgres@127.0.0.1:1/test' });
    const error = await store.init().catch((caught: unknown) => caught);
    await store.close();
    expect(isCarveError(error) && error.code).toBe('STORAGE');
    expect(isCarveError(error) && error.hint).toMatch(/server is running/);
  });
});
