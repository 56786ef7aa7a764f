// The TrialStore contract: studies, trials (queued -> running -> complete | failed), reusable measurements, events.

export type TrialState = 'queued' | 'running' | 'complete' | 'failed';

export interface StudyRecord {
  readonly id: number;
  readonly name: string;
  /** The study's settings as given at creation (JSON-serialisable). */
  readonly spec: unknown;
  readonly createdAt: string;
}

export interface NewTrial {
  readonly key: string;
  readonly genome: readonly number[];
  readonly config: unknown;
  /** Which ask() call produced it (0-based). */
  readonly batch: number;
}

export interface TrialRecord {
  readonly studyId: number;
  /** 0-based, consecutive within a study, in order of creation. */
  readonly number: number;
  readonly key: string;
  readonly genome: readonly number[];
  readonly config: unknown;
  readonly batch: number;
  readonly state: TrialState;
  readonly values: Readonly<Record<string, number>> | null;
  readonly reason: string | null;
  readonly worker: string | null;
  readonly attempts: number;
  /** True when values came from a stored measurement instead of an evaluator call. */
  readonly fromCache: boolean;
  readonly createdAt: string;
  readonly startedAt: string | null;
  /** Last heartbeat of the worker running it (null until its first one, and once it is queued again). */
  readonly heartbeatAt: string | null;
  readonly completedAt: string | null;
}

/** A running trial whose lease ran out, as it was just before it went back to the queue. */
export interface ExpiredTrial {
  readonly number: number;
  readonly worker: string | null;
  /** Its last heartbeat, else its start. */
  readonly lastSeenAt: string;
}

export interface MeasurementRecord {
  /** Evaluator id (includes device and version). */
  readonly evaluator: string;
  readonly key: string;
  readonly values: Readonly<Record<string, number>>;
  /** Repeats, spread, timings: whatever the evaluator reported. */
  readonly meta: unknown;
  readonly createdAt: string;
}

export interface NewMeasurement {
  readonly evaluator: string;
  readonly key: string;
  readonly values: Readonly<Record<string, number>>;
  readonly meta?: unknown;
}

export interface StudyEvent {
  readonly studyId: number;
  readonly seq: number;
  readonly kind: string;
  readonly payload: unknown;
  readonly createdAt: string;
}

export interface TrialStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Human-readable location (file path or URL without password). */
  readonly location: string;
  /** Creates or upgrades the schema (versioned migrations); idempotent and safe to run concurrently. */
  init(): Promise<void>;
  schemaVersion(): Promise<number>;

  /** CarveError CONFLICT if the name exists. */
  createStudy(name: string, spec: unknown): Promise<StudyRecord>;
  getStudy(name: string): Promise<StudyRecord | null>;
  listStudies(): Promise<StudyRecord[]>;
  /** Deletes the study with its trials and events (not the shared measurements). */
  deleteStudy(name: string): Promise<boolean>;

  /**
   * Appends trials atomically with consecutive numbers after the study's last one, state queued.
   * CarveError CONFLICT (nothing written) if a key is already in the study or repeated in the call.
   */
  addTrials(studyId: number, trials: readonly NewTrial[]): Promise<TrialRecord[]>;
  /** Atomically moves up to `limit` queued trials (lowest numbers first) to running for `worker`. */
  claimTrials(studyId: number, limit: number, worker: string): Promise<TrialRecord[]>;
  /** Moves the given trials to running (attempts + 1). Only queued or running trials may start. */
  startTrials(studyId: number, numbers: readonly number[], worker: string): Promise<void>;
  /** Back to queued: for running trials whose worker died. */
  requeueTrials(studyId: number, numbers: readonly number[]): Promise<void>;
  /**
   * Renews the lease of the given trials that are running for `worker` (heartbeat = now); returns the numbers
   * it still holds, ordered (a trial requeued, finished or claimed by another worker meanwhile is left alone).
   */
  heartbeatTrials(studyId: number, numbers: readonly number[], worker: string): Promise<number[]>;
  /**
   * Atomically moves back to queued every running trial whose last sign of life (heartbeat, else start) is more
   * than `leaseMs` old; returns them ordered by number. Two callers at once never both requeue one trial.
   */
  requeueExpiredTrials(studyId: number, leaseMs: number): Promise<ExpiredTrial[]>;
  /**
   * Marks a queued or running trial complete; if `measurement` is given it is stored in the same transaction
   * (first measurement for an evaluator+key wins). Completing a finished trial is CONFLICT.
   */
  completeTrial(
    studyId: number,
    number: number,
    values: Readonly<Record<string, number>>,
    options?: { fromCache?: boolean; measurements?: readonly NewMeasurement[] },
  ): Promise<void>;
  /** Marks a queued or running trial failed with its reason. Failing a finished trial is CONFLICT. */
  failTrial(studyId: number, number: number, reason: string): Promise<void>;
  /** Ordered by number. */
  listTrials(studyId: number, filter?: { states?: readonly TrialState[] }): Promise<TrialRecord[]>;

  /** Stores a measurement unless one exists for the same evaluator and key (first wins). */
  putMeasurement(measurement: NewMeasurement): Promise<void>;
  getMeasurements(evaluator: string, keys: readonly string[]): Promise<Map<string, MeasurementRecord>>;

  /** Append-only study log (predictor quality per iteration, tactic decisions, evaluator stderr…). */
  appendEvent(studyId: number, kind: string, payload: unknown): Promise<void>;
  listEvents(studyId: number, kind?: string): Promise<StudyEvent[]>;

  close(): Promise<void>;
}
