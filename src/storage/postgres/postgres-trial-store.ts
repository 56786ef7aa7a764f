// TrialStore over PostgreSQL (pg), for many workers on many machines sharing one study.

import pg from 'pg';
import { CarveError, badInput } from '../../core/errors.js';
import { LATEST_SCHEMA_VERSION, POSTGRES_SCHEMA_TABLE_DDL, SCHEMA_TABLE, pendingMigrations } from '../migrations.js';
import {
  duplicateKeys,
  storageFailure,
  studyNotFound,
  trialsFinished,
  trialsNotFound,
} from '../store-errors.js';
import {
  OPEN_STATES,
  checkIndex,
  checkLease,
  checkLimit,
  checkName,
  checkStates,
  encodeJson,
  encodeMeasurement,
  encodeNewTrials,
  encodeValues,
  normaliseNumbers,
  type EncodedMeasurement,
} from '../store-input.js';
import type {
  ExpiredTrial,
  MeasurementRecord,
  NewMeasurement,
  NewTrial,
  StudyEvent,
  StudyRecord,
  TrialRecord,
  TrialState,
  TrialStore,
} from '../types.js';

export interface PostgresTrialStoreOptions {
  /** postgres://user[:password]@host[:port]/database; a `schema` query parameter is honoured. */
  readonly connectionString: string;
  /**
   * Schema holding carve's tables (created by init if missing); default: the server's search_path, usually
   * `public`. Lower-case letters, digits and underscores.
   */
  readonly schema?: string;
  /** Pool size (default 4: a worker issues one statement at a time). */
  readonly maxConnections?: number;
  /** Source of timestamps (default: the system clock). */
  readonly clock?: () => Date;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const UNIQUE_VIOLATION = '23505';

interface StudyRow {
  id: number;
  name: string;
  spec: unknown;
  created_at: Date;
}

interface TrialRow {
  study_id: number;
  number: number;
  key: string;
  genome: number[];
  config: unknown;
  batch: number;
  state: TrialState;
  values: Record<string, number> | null;
  reason: string | null;
  worker: string | null;
  attempts: number;
  from_cache: boolean;
  created_at: Date;
  started_at: Date | null;
  heartbeat_at: Date | null;
  completed_at: Date | null;
}

interface MeasurementRow {
  evaluator: string;
  key: string;
  values: Record<string, number>;
  meta: unknown;
  created_at: Date;
}

interface EventRow {
  study_id: number;
  seq: number;
  kind: string;
  payload: unknown;
  created_at: Date;
}

type Queryable = Pick<pg.PoolClient, 'query'>;

export class PostgresTrialStore implements TrialStore {
  readonly kind = 'postgres' as const;
  readonly location: string;
  readonly schema: string | undefined;
  private readonly pool: pg.Pool;
  private readonly clock: () => Date;
  private closed = false;

  constructor(options: PostgresTrialStoreOptions) {
    const target = splitConnectionString(options.connectionString);
    const schema = options.schema ?? target.schema;
    if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
      throw badInput('schema', `"${schema}" is not a valid schema name`, 'use lower-case letters, digits and _');
    }
    this.schema = schema;
    this.location = describeLocation(target.connectionString, schema);
    this.clock = options.clock ?? (() => new Date());
    // search_path as a startup parameter applies to every pooled connection before its first query.
    const startupOptions = [target.startupOptions, schema === undefined ? undefined : `-c search_path=${schema}`]
      .filter((part) => part !== undefined && part !== '')
      .join(' ');
    this.pool = new pg.Pool({
      connectionString: target.connectionString,
      max: options.maxConnections ?? 4,
      ...(startupOptions === '' ? {} : { options: startupOptions }),
    });
    // An idle connection dropped by the server must not crash the process; the next query reports the failure.
    this.pool.on('error', () => undefined);
  }

  async init(): Promise<void> {
    await this.transaction('init', async (client) => {
      // Serialises concurrent init() calls (several workers starting at once) on the same schema.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`carve_schema:${this.schema ?? ''}`]);
      if (this.schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS "${this.schema}"`);
      await client.query(POSTGRES_SCHEMA_TABLE_DDL);
      const current = await readSchemaVersion(client);
      if (current > LATEST_SCHEMA_VERSION) {
        throw new CarveError(
          'STORAGE',
          `${this.location} has schema version ${current}, newer than this carve supports (${LATEST_SCHEMA_VERSION})`,
          { hint: 'upgrade carve, or use another schema' },
        );
      }
      for (const migration of pendingMigrations(current)) {
        for (const statement of migration.postgres) await client.query(statement);
        await client.query(`INSERT INTO ${SCHEMA_TABLE} (version, description, applied_at) VALUES ($1, $2, $3)`, [
          migration.version,
          migration.description,
          this.now(),
        ]);
      }
    });
  }

  async schemaVersion(): Promise<number> {
    return this.run('schemaVersion', (client) => readSchemaVersion(client));
  }

  async createStudy(name: string, spec: unknown): Promise<StudyRecord> {
    checkName('name', name);
    const specJson = encodeJson('spec', spec);
    return this.run('createStudy', async (client) => {
      const result = await client.query<StudyRow>(
        `INSERT INTO studies (name, spec, created_at) VALUES ($1, $2::jsonb, $3)
         ON CONFLICT (name) DO NOTHING RETURNING *`,
        [name, specJson, this.now()],
      );
      const row = result.rows[0];
      if (row === undefined) {
        throw new CarveError('CONFLICT', `a study named "${name}" already exists`, {
          field: 'name',
          hint: 'choose another name, or resume the existing study',
        });
      }
      return toStudy(row);
    });
  }

  async getStudy(name: string): Promise<StudyRecord | null> {
    return this.run('getStudy', async (client) => {
      const row = (await client.query<StudyRow>('SELECT * FROM studies WHERE name = $1', [name])).rows[0];
      return row === undefined ? null : toStudy(row);
    });
  }

  async listStudies(): Promise<StudyRecord[]> {
    return this.run('listStudies', async (client) =>
      (await client.query<StudyRow>('SELECT * FROM studies ORDER BY id')).rows.map(toStudy),
    );
  }

  async deleteStudy(name: string): Promise<boolean> {
    return this.run('deleteStudy', async (client) => {
      // Trials and events go with it (ON DELETE CASCADE); measurements are shared and stay.
      const result = await client.query('DELETE FROM studies WHERE name = $1', [name]);
      return (result.rowCount ?? 0) > 0;
    });
  }

  async addTrials(studyId: number, trials: readonly NewTrial[]): Promise<TrialRecord[]> {
    checkIndex('studyId', studyId);
    const encoded = encodeNewTrials(trials);
    return this.transaction('addTrials', async (client) => {
      // Locking the study row makes concurrent adders take turns, so numbers stay consecutive and unique.
      await lockStudy(client, studyId);
      if (encoded.length === 0) return [];
      const keys = encoded.map((trial) => trial.key);
      const existing = await client.query<{ key: string }>(
        'SELECT key FROM trials WHERE study_id = $1 AND key = ANY($2::text[]) ORDER BY number',
        [studyId, keys],
      );
      if (existing.rows.length > 0) throw duplicateKeys(existing.rows.map((row) => row.key), 'already in the study');
      const next = await client.query<{ next: number }>(
        'SELECT coalesce(max(number) + 1, 0) AS next FROM trials WHERE study_id = $1',
        [studyId],
      );
      const inserted = await client.query<TrialRow>(
        `INSERT INTO trials (study_id, number, key, genome, config, batch, state, attempts, from_cache, created_at)
         SELECT $1, $2::integer + t.position::integer - 1, t.key, t.genome::jsonb, t.config::jsonb, t.batch,
                'queued', 0, false, $7
         FROM unnest($3::text[], $4::text[], $5::text[], $6::integer[])
              WITH ORDINALITY AS t (key, genome, config, batch, position)
         RETURNING *`,
        [
          studyId,
          next.rows[0]?.next ?? 0,
          keys,
          encoded.map((trial) => trial.genome),
          encoded.map((trial) => trial.config),
          encoded.map((trial) => trial.batch),
          this.now(),
        ],
      );
      return inserted.rows.map(toTrial).sort(byNumber);
    });
  }

  async claimTrials(studyId: number, limit: number, worker: string): Promise<TrialRecord[]> {
    checkIndex('studyId', studyId);
    checkLimit(limit);
    checkName('worker', worker);
    if (limit === 0) return [];
    return this.run('claimTrials', async (client) => {
      // SKIP LOCKED: concurrent claimers pass over rows another claimer is taking instead of waiting for them,
      // and a row claimed and committed meanwhile is re-checked against state = 'queued' and dropped.
      // MATERIALIZED: as a plain sub-select the pick can be re-run inside the join, and with SKIP LOCKED each
      // run skips the rows the previous one locked, so more than `limit` trials would be claimed.
      const result = await client.query<TrialRow>(
        `WITH picked AS MATERIALIZED (
           SELECT number FROM trials WHERE study_id = $1 AND state = 'queued'
           ORDER BY number LIMIT $2 FOR UPDATE SKIP LOCKED
         )
         UPDATE trials AS t
         SET state = 'running', worker = $3, attempts = t.attempts + 1, started_at = $4, heartbeat_at = NULL
         FROM picked
         WHERE t.study_id = $1 AND t.number = picked.number
         RETURNING t.*`,
        [studyId, limit, worker, this.now()],
      );
      return result.rows.map(toTrial).sort(byNumber);
    });
  }

  async startTrials(studyId: number, numbers: readonly number[], worker: string): Promise<void> {
    checkIndex('studyId', studyId);
    checkName('worker', worker);
    const wanted = normaliseNumbers(numbers);
    if (wanted.length === 0) return;
    await this.transaction('startTrials', async (client) => {
      const states = await lockTrials(client, studyId, wanted);
      const finished = wanted.filter((number) => !OPEN_STATES.includes(states.get(number) as TrialState));
      if (finished.length > 0) throw trialsFinished(studyId, finished, 'start');
      await client.query(
        `UPDATE trials SET state = 'running', worker = $3, attempts = attempts + 1, started_at = $4, heartbeat_at = NULL
         WHERE study_id = $1 AND number = ANY($2::integer[])`,
        [studyId, wanted, worker, this.now()],
      );
    });
  }

  async requeueTrials(studyId: number, numbers: readonly number[]): Promise<void> {
    checkIndex('studyId', studyId);
    const wanted = normaliseNumbers(numbers);
    if (wanted.length === 0) return;
    await this.transaction('requeueTrials', async (client) => {
      await lockTrials(client, studyId, wanted);
      // Only running trials move: one that finished meanwhile keeps its result, a queued one stays queued.
      await client.query(
        `UPDATE trials SET state = 'queued', worker = NULL, started_at = NULL, heartbeat_at = NULL
         WHERE study_id = $1 AND state = 'running' AND number = ANY($2::integer[])`,
        [studyId, wanted],
      );
    });
  }

  async heartbeatTrials(studyId: number, numbers: readonly number[], worker: string): Promise<number[]> {
    checkIndex('studyId', studyId);
    checkName('worker', worker);
    const wanted = normaliseNumbers(numbers);
    if (wanted.length === 0) return [];
    return this.run('heartbeatTrials', async (client) => {
      const result = await client.query<{ number: number }>(
        `UPDATE trials SET heartbeat_at = $4
         WHERE study_id = $1 AND state = 'running' AND worker = $3 AND number = ANY($2::integer[])
         RETURNING number`,
        [studyId, wanted, worker, this.now()],
      );
      return result.rows.map((row) => row.number).sort((left, right) => left - right);
    });
  }

  async requeueExpiredTrials(studyId: number, leaseMs: number): Promise<ExpiredTrial[]> {
    checkIndex('studyId', studyId);
    checkLease(leaseMs);
    const cutoff = new Date(this.clock().getTime() - leaseMs).toISOString();
    return this.run('requeueExpiredTrials', async (client) => {
      // SKIP LOCKED: a trial being completed or renewed right now is left for the next call, and two callers
      // at once never requeue the same trial. MATERIALIZED for the same reason as in claimTrials. The old
      // worker and last sign of life come from the picked rows, before the update clears them.
      const result = await client.query<{ number: number; worker: string | null; last_seen: Date }>(
        `WITH expired AS MATERIALIZED (
           SELECT number, worker, coalesce(heartbeat_at, started_at) AS last_seen FROM trials
           WHERE study_id = $1 AND state = 'running' AND coalesce(heartbeat_at, started_at) < $2
           ORDER BY number FOR UPDATE SKIP LOCKED
         )
         UPDATE trials AS t
         SET state = 'queued', worker = NULL, started_at = NULL, heartbeat_at = NULL
         FROM expired
         WHERE t.study_id = $1 AND t.number = expired.number
         RETURNING expired.number, expired.worker, expired.last_seen`,
        [studyId, cutoff],
      );
      return result.rows
        .map((row) => ({ number: row.number, worker: row.worker, lastSeenAt: isoOf(row.last_seen) }))
        .sort((left, right) => left.number - right.number);
    });
  }

  async completeTrial(
    studyId: number,
    number: number,
    values: Readonly<Record<string, number>>,
    options: { fromCache?: boolean; measurements?: readonly NewMeasurement[] } = {},
  ): Promise<void> {
    checkIndex('studyId', studyId);
    checkIndex('number', number);
    const valuesJson = encodeValues('values', values);
    const measurements = (options.measurements ?? []).map((measurement, index) =>
      encodeMeasurement(measurement, `measurements[${index}]`),
    );
    await this.transaction('completeTrial', async (client) => {
      await requireOpenTrial(client, studyId, number, 'complete');
      const now = this.now();
      await client.query(
        `UPDATE trials SET state = 'complete', "values" = $3::jsonb, from_cache = $4, reason = NULL, completed_at = $5
         WHERE study_id = $1 AND number = $2`,
        [studyId, number, valuesJson, options.fromCache === true, now],
      );
      for (const measurement of measurements) await insertMeasurement(client, measurement, now);
    });
  }

  async failTrial(studyId: number, number: number, reason: string): Promise<void> {
    checkIndex('studyId', studyId);
    checkIndex('number', number);
    checkName('reason', reason);
    await this.transaction('failTrial', async (client) => {
      await requireOpenTrial(client, studyId, number, 'fail');
      await client.query(
        `UPDATE trials SET state = 'failed', reason = $3, completed_at = $4 WHERE study_id = $1 AND number = $2`,
        [studyId, number, reason, this.now()],
      );
    });
  }

  async listTrials(studyId: number, filter: { states?: readonly TrialState[] } = {}): Promise<TrialRecord[]> {
    checkIndex('studyId', studyId);
    const states = filter.states;
    if (states !== undefined) checkStates(states);
    return this.run('listTrials', async (client) => {
      const result =
        states === undefined
          ? await client.query<TrialRow>('SELECT * FROM trials WHERE study_id = $1 ORDER BY number', [studyId])
          : await client.query<TrialRow>(
              'SELECT * FROM trials WHERE study_id = $1 AND state = ANY($2::text[]) ORDER BY number',
              [studyId, states],
            );
      return result.rows.map(toTrial);
    });
  }

  async putMeasurement(measurement: NewMeasurement): Promise<void> {
    const encoded = encodeMeasurement(measurement);
    await this.run('putMeasurement', (client) => insertMeasurement(client, encoded, this.now()));
  }

  async getMeasurements(evaluator: string, keys: readonly string[]): Promise<Map<string, MeasurementRecord>> {
    const found = new Map<string, MeasurementRecord>();
    if (keys.length === 0) return found;
    return this.run('getMeasurements', async (client) => {
      const result = await client.query<MeasurementRow>(
        'SELECT * FROM measurements WHERE evaluator = $1 AND key = ANY($2::text[])',
        [evaluator, keys],
      );
      for (const row of result.rows) found.set(row.key, toMeasurement(row));
      return found;
    });
  }

  async appendEvent(studyId: number, kind: string, payload: unknown): Promise<void> {
    checkIndex('studyId', studyId);
    checkName('kind', kind);
    const payloadJson = encodeJson('payload', payload);
    await this.transaction('appendEvent', async (client) => {
      // The study lock also orders concurrent appenders, so seq has neither gaps nor duplicates.
      await lockStudy(client, studyId);
      await client.query(
        `INSERT INTO events (study_id, seq, kind, payload, created_at)
         SELECT $1, coalesce(max(seq) + 1, 0), $2, $3::jsonb, $4 FROM events WHERE study_id = $1`,
        [studyId, kind, payloadJson, this.now()],
      );
    });
  }

  async listEvents(studyId: number, kind?: string): Promise<StudyEvent[]> {
    checkIndex('studyId', studyId);
    return this.run('listEvents', async (client) => {
      const result =
        kind === undefined
          ? await client.query<EventRow>('SELECT * FROM events WHERE study_id = $1 ORDER BY seq', [studyId])
          : await client.query<EventRow>('SELECT * FROM events WHERE study_id = $1 AND kind = $2 ORDER BY seq', [
              studyId,
              kind,
            ]);
      return result.rows.map(toEvent);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  private now(): string {
    return this.clock().toISOString();
  }

  /** One statement outside an explicit transaction (the pool picks any connection). */
  private async run<T>(operation: string, work: (client: Queryable) => Promise<T>): Promise<T> {
    try {
      return await work(this.pool);
    } catch (error) {
      throw this.failure(operation, error);
    }
  }

  private async transaction<T>(operation: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw this.failure(operation, error);
    }
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        // The connection is unusable: release it as broken so the pool discards it.
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      }
      throw this.failure(operation, error);
    } finally {
      client.release(broken);
    }
  }

  private failure(operation: string, error: unknown): CarveError {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === UNIQUE_VIOLATION) {
      return new CarveError('CONFLICT', `${operation}: ${(error as Error).message}`, {
        cause: error,
        hint: 'another process wrote the same row first; reload and retry',
      });
    }
    const hint =
      code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === '3D000' || code === '28000'
        ? 'check that the PostgreSQL server is running and that the URL (host, port, user, database) is right'
        : undefined;
    return storageFailure(operation, this.location, error, hint);
  }
}

async function readSchemaVersion(client: Queryable): Promise<number> {
  // to_regclass follows the search_path, so this looks in the store's schema.
  const present = await client.query<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AS present', [
    SCHEMA_TABLE,
  ]);
  if (present.rows[0]?.present !== true) return 0;
  const result = await client.query<{ version: number }>(
    `SELECT coalesce(max(version), 0) AS version FROM ${SCHEMA_TABLE}`,
  );
  return result.rows[0]?.version ?? 0;
}

async function lockStudy(client: Queryable, studyId: number): Promise<void> {
  // NO KEY UPDATE: exclusive among writers of this study, yet does not block foreign-key checks.
  const result = await client.query('SELECT id FROM studies WHERE id = $1 FOR NO KEY UPDATE', [studyId]);
  if (result.rows.length === 0) throw studyNotFound(studyId);
}

/** Locks the given trials (in number order, so two lockers cannot deadlock) and returns their states. */
async function lockTrials(
  client: Queryable,
  studyId: number,
  numbers: readonly number[],
): Promise<Map<number, TrialState>> {
  const result = await client.query<{ number: number; state: TrialState }>(
    'SELECT number, state FROM trials WHERE study_id = $1 AND number = ANY($2::integer[]) ORDER BY number FOR UPDATE',
    [studyId, numbers],
  );
  const states = new Map(result.rows.map((row) => [row.number, row.state] as const));
  const missing = numbers.filter((number) => !states.has(number));
  if (missing.length > 0) throw trialsNotFound(studyId, missing);
  return states;
}

async function requireOpenTrial(client: Queryable, studyId: number, number: number, action: string): Promise<void> {
  const state = (await lockTrials(client, studyId, [number])).get(number) as TrialState;
  if (!OPEN_STATES.includes(state)) throw trialsFinished(studyId, [number], action);
}

async function insertMeasurement(client: Queryable, measurement: EncodedMeasurement, createdAt: string): Promise<void> {
  // First measurement wins: a later one for the same evaluator and key is dropped, never overwrites.
  await client.query(
    `INSERT INTO measurements (evaluator, key, "values", meta, created_at) VALUES ($1, $2, $3::jsonb, $4::jsonb, $5)
     ON CONFLICT (evaluator, key) DO NOTHING`,
    [measurement.evaluator, measurement.key, measurement.values, measurement.meta, createdAt],
  );
}

interface ConnectionTarget {
  readonly connectionString: string;
  readonly schema: string | undefined;
  /** A caller's own `options` parameter, kept and combined with the search_path setting. */
  readonly startupOptions: string | undefined;
}

/** Takes carve's `schema` (and any `options`) parameter out of the URL: pg would let them override config. */
function splitConnectionString(connectionString: string): ConnectionTarget {
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    return { connectionString, schema: undefined, startupOptions: undefined };
  }
  const schema = url.searchParams.get('schema') ?? undefined;
  const startupOptions = url.searchParams.get('options') ?? undefined;
  url.searchParams.delete('schema');
  url.searchParams.delete('options');
  return { connectionString: url.toString(), schema, startupOptions };
}

/** The URL without its password, plus the schema: safe to print. */
function describeLocation(connectionString: string, schema: string | undefined): string {
  try {
    const url = new URL(connectionString);
    url.password = '';
    if (schema !== undefined) url.searchParams.set('schema', schema);
    return url.toString();
  } catch {
    return 'postgres (unparsable URL)';
  }
}

function byNumber(left: TrialRecord, right: TrialRecord): number {
  return left.number - right.number;
}

function isoOf(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

function isoOrNull(value: Date | string | null): string | null {
  return value === null ? null : isoOf(value);
}

function toStudy(row: StudyRow): StudyRecord {
  return { id: row.id, name: row.name, spec: row.spec, createdAt: isoOf(row.created_at) };
}

function toTrial(row: TrialRow): TrialRecord {
  return {
    studyId: row.study_id,
    number: row.number,
    key: row.key,
    genome: row.genome,
    config: row.config,
    batch: row.batch,
    state: row.state,
    values: row.values,
    reason: row.reason,
    worker: row.worker,
    attempts: row.attempts,
    fromCache: row.from_cache,
    createdAt: isoOf(row.created_at),
    startedAt: isoOrNull(row.started_at),
    heartbeatAt: isoOrNull(row.heartbeat_at),
    completedAt: isoOrNull(row.completed_at),
  };
}

function toMeasurement(row: MeasurementRow): MeasurementRecord {
  return {
    evaluator: row.evaluator,
    key: row.key,
    values: row.values,
    meta: row.meta,
    createdAt: isoOf(row.created_at),
  };
}

function toEvent(row: EventRow): StudyEvent {
  return {
    studyId: row.study_id,
    seq: row.seq,
    kind: row.kind,
    payload: row.payload,
    createdAt: isoOf(row.created_at),
  };
}
