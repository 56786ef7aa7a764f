// TrialStore over one SQLite file (better-sqlite3), shareable by several processes on the same machine.

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { CarveError } from '../../core/errors.js';
import { LATEST_SCHEMA_VERSION, SCHEMA_TABLE, SQLITE_SCHEMA_TABLE_DDL, pendingMigrations } from '../migrations.js';
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

export interface SqliteTrialStoreOptions {
  /**
   * How hard a commit waits for the disk. 'full' (default): with the WAL journal every commit is fsynced, so
   * a completed trial survives a killed process and a power cut. 'normal': commits reach the OS before
   * returning, so they survive a killed process (kill -9) but the last ones may be lost on power loss; fewer
   * fsyncs. One fsync per trial is negligible next to an evaluation, hence the default.
   */
  readonly synchronous?: 'full' | 'normal';
  /**
   * How long a write waits for another process's write to finish before failing (default 10 000 ms).
   * The driver is synchronous, so the wait blocks this process's event loop.
   */
  readonly busyTimeoutMs?: number;
  /** Source of timestamps (default: the system clock). */
  readonly clock?: () => Date;
}

interface StudyRow {
  id: number;
  name: string;
  spec: string;
  created_at: string;
}

interface TrialRow {
  study_id: number;
  number: number;
  key: string;
  genome: string;
  config: string;
  batch: number;
  state: TrialState;
  values: string | null;
  reason: string | null;
  worker: string | null;
  attempts: number;
  from_cache: number;
  created_at: string;
  started_at: string | null;
  heartbeat_at: string | null;
  completed_at: string | null;
}

interface MeasurementRow {
  evaluator: string;
  key: string;
  values: string;
  meta: string;
  created_at: string;
}

interface EventRow {
  study_id: number;
  seq: number;
  kind: string;
  payload: string;
  created_at: string;
}

const DEFAULT_BUSY_TIMEOUT_MS = 10_000;

export class SqliteTrialStore implements TrialStore {
  readonly kind = 'sqlite' as const;
  readonly location: string;
  private readonly db: Database.Database;
  private readonly clock: () => Date;
  private readonly statements = new Map<string, Database.Statement>();

  /** Opens (creating if needed, with its parent directory) the database file; ':memory:' for a private one. */
  constructor(filePath: string, options: SqliteTrialStoreOptions = {}) {
    const inMemory = filePath === ':memory:';
    this.location = inMemory ? ':memory:' : path.resolve(filePath);
    this.clock = options.clock ?? (() => new Date());
    const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
    try {
      if (!inMemory) mkdirSync(path.dirname(this.location), { recursive: true });
      // The busy timeout is set at open, before switching to WAL, which needs a lock another process may hold.
      this.db = new Database(this.location, { timeout: Math.max(0, Math.floor(busyTimeoutMs)) });
      // WAL: readers (reports, dashboard) never block the writer and a commit is a single append.
      if (!inMemory) this.db.pragma('journal_mode = WAL');
      this.db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
      this.db.pragma('foreign_keys = ON');
    } catch (error) {
      throw storageFailure('opening the database', this.location, error, 'check that the path is a writable file');
    }
  }

  async init(): Promise<void> {
    this.write('init', () => {
      this.db.exec(SQLITE_SCHEMA_TABLE_DDL);
      const current = this.readSchemaVersion();
      if (current > LATEST_SCHEMA_VERSION) throw newerSchema(this.location, current);
      for (const migration of pendingMigrations(current)) {
        for (const statement of migration.sqlite) this.db.exec(statement);
        this.db
          .prepare(`INSERT INTO ${SCHEMA_TABLE} (version, description, applied_at) VALUES (?, ?, ?)`)
          .run(migration.version, migration.description, this.now());
      }
    });
  }

  async schemaVersion(): Promise<number> {
    return this.read('schemaVersion', () => this.readSchemaVersion());
  }

  async createStudy(name: string, spec: unknown): Promise<StudyRecord> {
    checkName('name', name);
    const specJson = encodeJson('spec', spec);
    return this.write('createStudy', () => {
      const row = this.statement(
        'INSERT INTO studies (name, spec, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING RETURNING *',
      ).get(name, specJson, this.now()) as StudyRow | undefined;
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
    return this.read('getStudy', () => {
      const row = this.statement('SELECT * FROM studies WHERE name = ?').get(name) as StudyRow | undefined;
      return row === undefined ? null : toStudy(row);
    });
  }

  async listStudies(): Promise<StudyRecord[]> {
    return this.read('listStudies', () =>
      (this.statement('SELECT * FROM studies ORDER BY id').all() as StudyRow[]).map(toStudy),
    );
  }

  async deleteStudy(name: string): Promise<boolean> {
    return this.write('deleteStudy', () => {
      const row = this.statement('SELECT id FROM studies WHERE name = ?').get(name) as { id: number } | undefined;
      if (row === undefined) return false;
      // Explicit deletes as well as the cascades: a connection opened without foreign_keys would skip those.
      this.statement('DELETE FROM events WHERE study_id = ?').run(row.id);
      this.statement('DELETE FROM trials WHERE study_id = ?').run(row.id);
      this.statement('DELETE FROM studies WHERE id = ?').run(row.id);
      return true;
    });
  }

  async addTrials(studyId: number, trials: readonly NewTrial[]): Promise<TrialRecord[]> {
    checkIndex('studyId', studyId);
    const encoded = encodeNewTrials(trials);
    return this.write('addTrials', () => {
      this.requireStudy(studyId);
      if (encoded.length === 0) return [];
      const existing = this.statement(
        'SELECT key FROM trials WHERE study_id = ? AND key IN (SELECT value FROM json_each(?)) ORDER BY number',
      )
        .pluck()
        .all(studyId, JSON.stringify(encoded.map((trial) => trial.key))) as string[];
      if (existing.length > 0) throw duplicateKeys(existing, 'already in the study');
      const next = this.statement('SELECT coalesce(max(number) + 1, 0) FROM trials WHERE study_id = ?')
        .pluck()
        .get(studyId) as number;
      const insert = this.statement(
        `INSERT INTO trials (study_id, number, key, genome, config, batch, state, attempts, from_cache, created_at)
         VALUES (?, ?, ?, ?, ?, ?, 'queued', 0, 0, ?)`,
      );
      const createdAt = this.now();
      encoded.forEach((trial, offset) => {
        insert.run(studyId, next + offset, trial.key, trial.genome, trial.config, trial.batch, createdAt);
      });
      const rows = this.statement('SELECT * FROM trials WHERE study_id = ? AND number >= ? ORDER BY number').all(
        studyId,
        next,
      ) as TrialRow[];
      return rows.map(toTrial);
    });
  }

  async claimTrials(studyId: number, limit: number, worker: string): Promise<TrialRecord[]> {
    checkIndex('studyId', studyId);
    checkLimit(limit);
    checkName('worker', worker);
    if (limit === 0) return [];
    return this.write('claimTrials', () => {
      // One statement inside a write transaction: no other connection can claim between the pick and the update.
      const rows = this.statement(
        `UPDATE trials SET state = 'running', worker = ?, attempts = attempts + 1, started_at = ?, heartbeat_at = NULL
         WHERE study_id = ? AND number IN (
           SELECT number FROM trials WHERE study_id = ? AND state = 'queued' ORDER BY number LIMIT ?
         )
         RETURNING *`,
      ).all(worker, this.now(), studyId, studyId, limit) as TrialRow[];
      return rows.map(toTrial).sort(byNumber);
    });
  }

  async startTrials(studyId: number, numbers: readonly number[], worker: string): Promise<void> {
    checkIndex('studyId', studyId);
    checkName('worker', worker);
    const wanted = normaliseNumbers(numbers);
    if (wanted.length === 0) return;
    this.write('startTrials', () => {
      const states = this.trialStates(studyId, wanted);
      const finished = wanted.filter((number) => !OPEN_STATES.includes(states.get(number) as TrialState));
      if (finished.length > 0) throw trialsFinished(studyId, finished, 'start');
      this.statement(
        `UPDATE trials SET state = 'running', worker = ?, attempts = attempts + 1, started_at = ?, heartbeat_at = NULL
         WHERE study_id = ? AND number IN (SELECT value FROM json_each(?))`,
      ).run(worker, this.now(), studyId, JSON.stringify(wanted));
    });
  }

  async requeueTrials(studyId: number, numbers: readonly number[]): Promise<void> {
    checkIndex('studyId', studyId);
    const wanted = normaliseNumbers(numbers);
    if (wanted.length === 0) return;
    this.write('requeueTrials', () => {
      this.trialStates(studyId, wanted);
      // Only running trials move: one that finished meanwhile keeps its result, a queued one stays queued.
      this.statement(
        `UPDATE trials SET state = 'queued', worker = NULL, started_at = NULL, heartbeat_at = NULL
         WHERE study_id = ? AND state = 'running' AND number IN (SELECT value FROM json_each(?))`,
      ).run(studyId, JSON.stringify(wanted));
    });
  }

  async heartbeatTrials(studyId: number, numbers: readonly number[], worker: string): Promise<number[]> {
    checkIndex('studyId', studyId);
    checkName('worker', worker);
    const wanted = normaliseNumbers(numbers);
    if (wanted.length === 0) return [];
    return this.write('heartbeatTrials', () => {
      const held = this.statement(
        `UPDATE trials SET heartbeat_at = ?
         WHERE study_id = ? AND state = 'running' AND worker = ? AND number IN (SELECT value FROM json_each(?))
         RETURNING number`,
      )
        .pluck()
        .all(this.now(), studyId, worker, JSON.stringify(wanted)) as number[];
      return held.sort((left, right) => left - right);
    });
  }

  async requeueExpiredTrials(studyId: number, leaseMs: number): Promise<ExpiredTrial[]> {
    checkIndex('studyId', studyId);
    checkLease(leaseMs);
    const cutoff = new Date(this.clock().getTime() - leaseMs).toISOString();
    return this.write('requeueExpiredTrials', () => {
      // Read and update in one write transaction: no other connection can heartbeat or complete in between.
      const expired = this.statement(
        `SELECT number, worker, coalesce(heartbeat_at, started_at) AS last_seen FROM trials
         WHERE study_id = ? AND state = 'running' AND coalesce(heartbeat_at, started_at) < ? ORDER BY number`,
      ).all(studyId, cutoff) as { number: number; worker: string | null; last_seen: string }[];
      if (expired.length === 0) return [];
      this.statement(
        `UPDATE trials SET state = 'queued', worker = NULL, started_at = NULL, heartbeat_at = NULL
         WHERE study_id = ? AND number IN (SELECT value FROM json_each(?))`,
      ).run(studyId, JSON.stringify(expired.map((row) => row.number)));
      return expired.map((row) => ({ number: row.number, worker: row.worker, lastSeenAt: row.last_seen }));
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
    this.write('completeTrial', () => {
      this.requireOpenTrial(studyId, number, 'complete');
      const now = this.now();
      this.statement(
        `UPDATE trials SET state = 'complete', "values" = ?, from_cache = ?, reason = NULL, completed_at = ?
         WHERE study_id = ? AND number = ?`,
      ).run(valuesJson, options.fromCache === true ? 1 : 0, now, studyId, number);
      for (const measurement of measurements) this.insertMeasurement(measurement, now);
    });
  }

  async failTrial(studyId: number, number: number, reason: string): Promise<void> {
    checkIndex('studyId', studyId);
    checkIndex('number', number);
    checkName('reason', reason);
    this.write('failTrial', () => {
      this.requireOpenTrial(studyId, number, 'fail');
      this.statement(
        `UPDATE trials SET state = 'failed', reason = ?, completed_at = ? WHERE study_id = ? AND number = ?`,
      ).run(reason, this.now(), studyId, number);
    });
  }

  async listTrials(studyId: number, filter: { states?: readonly TrialState[] } = {}): Promise<TrialRecord[]> {
    checkIndex('studyId', studyId);
    const states = filter.states;
    if (states !== undefined) checkStates(states);
    return this.read('listTrials', () => {
      const rows =
        states === undefined
          ? this.statement('SELECT * FROM trials WHERE study_id = ? ORDER BY number').all(studyId)
          : this.statement(
              'SELECT * FROM trials WHERE study_id = ? AND state IN (SELECT value FROM json_each(?)) ORDER BY number',
            ).all(studyId, JSON.stringify(states));
      return (rows as TrialRow[]).map(toTrial);
    });
  }

  async putMeasurement(measurement: NewMeasurement): Promise<void> {
    const encoded = encodeMeasurement(measurement);
    this.write('putMeasurement', () => this.insertMeasurement(encoded, this.now()));
  }

  async getMeasurements(evaluator: string, keys: readonly string[]): Promise<Map<string, MeasurementRecord>> {
    const found = new Map<string, MeasurementRecord>();
    if (keys.length === 0) return found;
    return this.read('getMeasurements', () => {
      // One JSON array parameter instead of one placeholder per key: no limit on how many keys are asked for.
      const rows = this.statement(
        'SELECT * FROM measurements WHERE evaluator = ? AND key IN (SELECT value FROM json_each(?))',
      ).all(evaluator, JSON.stringify(keys)) as MeasurementRow[];
      for (const row of rows) found.set(row.key, toMeasurement(row));
      return found;
    });
  }

  async appendEvent(studyId: number, kind: string, payload: unknown): Promise<void> {
    checkIndex('studyId', studyId);
    checkName('kind', kind);
    const payloadJson = encodeJson('payload', payload);
    this.write('appendEvent', () => {
      this.requireStudy(studyId);
      this.statement(
        `INSERT INTO events (study_id, seq, kind, payload, created_at)
         SELECT ?, coalesce(max(seq) + 1, 0), ?, ?, ? FROM events WHERE study_id = ?`,
      ).run(studyId, kind, payloadJson, this.now(), studyId);
    });
  }

  async listEvents(studyId: number, kind?: string): Promise<StudyEvent[]> {
    checkIndex('studyId', studyId);
    return this.read('listEvents', () => {
      const rows =
        kind === undefined
          ? this.statement('SELECT * FROM events WHERE study_id = ? ORDER BY seq').all(studyId)
          : this.statement('SELECT * FROM events WHERE study_id = ? AND kind = ? ORDER BY seq').all(studyId, kind);
      return (rows as EventRow[]).map(toEvent);
    });
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private now(): string {
    return this.clock().toISOString();
  }

  /** Prepared once per SQL text. `.pluck()` changes a statement for good, so a plucked SQL text is only ever plucked. */
  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * Runs `work` in a write transaction taken up front (BEGIN IMMEDIATE): a transaction that starts as a read
   * and later writes can fail at once under WAL when another process wrote in between, instead of waiting.
   */
  private write<T>(operation: string, work: () => T): T {
    try {
      return this.db.transaction(work).immediate();
    } catch (error) {
      throw storageFailure(operation, this.location, error, busyHint(error));
    }
  }

  private read<T>(operation: string, work: () => T): T {
    try {
      return work();
    } catch (error) {
      throw storageFailure(operation, this.location, error, busyHint(error));
    }
  }

  private readSchemaVersion(): number {
    const exists = this.statement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
      .pluck()
      .get(SCHEMA_TABLE);
    if (exists === undefined) return 0;
    // Not cached: the table may have been created after a cached statement saw it missing.
    return this.db.prepare(`SELECT coalesce(max(version), 0) FROM ${SCHEMA_TABLE}`).pluck().get() as number;
  }

  private requireStudy(studyId: number): void {
    if (this.statement('SELECT 1 FROM studies WHERE id = ?').get(studyId) === undefined) {
      throw studyNotFound(studyId);
    }
  }

  /** The states of the given trials; NOT_FOUND if any is missing. */
  private trialStates(studyId: number, numbers: readonly number[]): Map<number, TrialState> {
    const rows = this.statement(
      'SELECT number, state FROM trials WHERE study_id = ? AND number IN (SELECT value FROM json_each(?))',
    ).all(studyId, JSON.stringify(numbers)) as { number: number; state: TrialState }[];
    const states = new Map(rows.map((row) => [row.number, row.state] as const));
    const missing = numbers.filter((number) => !states.has(number));
    if (missing.length > 0) throw trialsNotFound(studyId, missing);
    return states;
  }

  private requireOpenTrial(studyId: number, number: number, action: string): void {
    const state = this.trialStates(studyId, [number]).get(number) as TrialState;
    if (!OPEN_STATES.includes(state)) throw trialsFinished(studyId, [number], action);
  }

  private insertMeasurement(measurement: EncodedMeasurement, createdAt: string): void {
    // First measurement wins: a later one for the same evaluator and key is dropped, never overwrites.
    this.statement(
      `INSERT INTO measurements (evaluator, key, "values", meta, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (evaluator, key) DO NOTHING`,
    ).run(measurement.evaluator, measurement.key, measurement.values, measurement.meta, createdAt);
  }
}

function newerSchema(location: string, version: number): CarveError {
  return new CarveError(
    'STORAGE',
    `${location} has schema version ${version}, newer than this carve supports (${LATEST_SCHEMA_VERSION})`,
    { hint: 'upgrade carve, or use another storage location' },
  );
}

function busyHint(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY')
    ? 'another process held the database too long; raise busyTimeoutMs or use PostgreSQL for many workers'
    : undefined;
}

function byNumber(left: TrialRecord, right: TrialRecord): number {
  return left.number - right.number;
}

function toStudy(row: StudyRow): StudyRecord {
  return { id: row.id, name: row.name, spec: JSON.parse(row.spec) as unknown, createdAt: row.created_at };
}

function toTrial(row: TrialRow): TrialRecord {
  return {
    studyId: row.study_id,
    number: row.number,
    key: row.key,
    genome: JSON.parse(row.genome) as number[],
    config: JSON.parse(row.config) as unknown,
    batch: row.batch,
    state: row.state,
    values: row.values === null ? null : (JSON.parse(row.values) as Record<string, number>),
    reason: row.reason,
    worker: row.worker,
    attempts: row.attempts,
    fromCache: row.from_cache !== 0,
    createdAt: row.created_at,
    startedAt: row.started_at,
    heartbeatAt: row.heartbeat_at,
    completedAt: row.completed_at,
  };
}

function toMeasurement(row: MeasurementRow): MeasurementRecord {
  return {
    evaluator: row.evaluator,
    key: row.key,
    values: JSON.parse(row.values) as Record<string, number>,
    meta: JSON.parse(row.meta) as unknown,
    createdAt: row.created_at,
  };
}

function toEvent(row: EventRow): StudyEvent {
  return {
    studyId: row.study_id,
    seq: row.seq,
    kind: row.kind,
    payload: JSON.parse(row.payload) as unknown,
    createdAt: row.created_at,
  };
}
