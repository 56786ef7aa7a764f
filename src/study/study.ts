// A persisted search: ask/tell over a tactic, every trial stored before anything else happens, resumable by replay.

import { CarveError } from '../core/errors.js';
import type { ObjectiveSpec } from '../core/objective.js';
import { createRng } from '../core/rng.js';
import { stableStringify } from '../core/stable-json.js';
import type { Evaluator } from '../evaluators/types.js';
import type { FeatureEncoder, Genome, NativeCodec, SearchSpace } from '../space/types.js';
import type { ExpiredTrial, StudyRecord, TrialRecord, TrialStore } from '../storage/types.js';
import type { Observation, Tactic, TacticFactory } from '../tactics/types.js';
import { evaluateTrials, type EvaluationPolicy } from './evaluate-trials.js';
import { exactObjectivesOf } from './exact-objectives.js';
import { frontOf, type FrontMember, type HypervolumeBasis, normalizedHypervolume } from './front.js';
import { TRIALS_REQUEUED_EVENT } from './lifecycle.js';
import { scoreValues } from './observations.js';
import { waitForTrials } from './remote-batch.js';
import { settleResult, storeSettlement } from './trial-outcome.js';
import type { StudyProgress, StudySettings, TellResult, TrialHandle } from './types.js';

/** Kind of the event stored for each batch a tactic describes (its models, CV scores; `carve report` tabulates them). */
export const TACTIC_ITERATION_EVENT = 'tactic-iteration';

export interface StudyEnvironment {
  readonly space: SearchSpace;
  readonly codec: NativeCodec;
  readonly evaluators: readonly Evaluator[];
  readonly createTactic: TacticFactory;
  readonly pool?: readonly Genome[];
  /** Fixed normalisation for hypervolume (e.g. a benchmark table's ranges); absent = observed ranges. */
  readonly hypervolumeBasis?: HypervolumeBasis;
  /** Predictor features for the tactic (see TacticContext.features); absent = one-hot of active genes. */
  readonly features?: FeatureEncoder;
  /** Features for models of hardware costs (see TacticContext.costFeatures). */
  readonly costFeatures?: FeatureEncoder;
}

export interface OpenStudyOptions {
  readonly store: TrialStore;
  readonly name: string;
  readonly settings: StudySettings;
  readonly environment: StudyEnvironment;
  /** 'create' fails if it exists, 'resume' fails if it does not, 'auto' (default) does either. */
  readonly mode?: 'create' | 'resume' | 'auto';
}

export interface OptimizeOptions {
  /** Total evaluations (trials) the study may reach; defaults to the stored settings' budget. */
  readonly budget?: number;
  /** Largest number of candidates sent to the evaluators at once (default: whole batch). */
  readonly chunkSize?: number;
  readonly onProgress?: (progress: StudyProgress) => void;
  readonly signal?: AbortSignal;
  readonly evaluation?: Partial<EvaluationPolicy>;
}

export interface RemoteOptimizeOptions {
  /** Total evaluations (trials) the study may reach; defaults to the stored settings' budget. */
  readonly budget?: number;
  /** A running trial with no heartbeat (else start) for this long is put back in the queue. */
  readonly leaseMs: number;
  /** How often the store is read while a batch is out (default 200 ms). */
  readonly pollMs?: number;
  readonly onProgress?: (progress: StudyProgress) => void;
  readonly onRequeued?: (expired: readonly ExpiredTrial[]) => void;
  /** Called when no worker has taken any trial of the batch for `idleMs` (default 30 s), and every idleMs after. */
  readonly onIdle?: (status: { readonly queued: number; readonly waitedMs: number }) => void;
  readonly idleMs?: number;
  readonly signal?: AbortSignal;
}

const DEFAULT_POLL_MS = 200;
const DEFAULT_IDLE_MS = 30_000;

/** Settings whose change would make a resumed study a different search. */
const FROZEN_SETTINGS = ['problem', 'supernet', 'objectives', 'tactic', 'tacticOptions', 'seed', 'populationSize'] as const;

export class Study {
  readonly name: string;
  readonly settings: StudySettings;
  readonly record: StudyRecord;
  private readonly store: TrialStore;
  private readonly environment: StudyEnvironment;
  private readonly tactic: Tactic;
  private readonly trialsByNumber: TrialRecord[] = [];
  private readonly trialByKey = new Map<string, TrialRecord>();
  /**
   * The batch being evaluated: every proposed key in proposal order (trials of earlier batches are answered
   * from their records) and the fresh keys not stored yet because the budget ran out (its remainder). The tactic
   * observes a batch only when all of it is stored and finished, so raising the budget later continues exactly
   * as an uninterrupted study with the larger budget would.
   */
  private openBatch: { index: number; keys: string[]; genomes: Map<string, Genome>; remainder: string[] } | null = null;
  private batchCount = 0;
  private exhausted = false;
  private readonly startedAt = Date.now();

  private constructor(
    store: TrialStore,
    record: StudyRecord,
    settings: StudySettings,
    environment: StudyEnvironment,
  ) {
    this.store = store;
    this.record = record;
    this.name = record.name;
    this.settings = settings;
    this.environment = environment;
    const exact = exactObjectivesOf(settings.objectives, environment.evaluators, environment.space);
    const tacticContext = {
      space: environment.space,
      objectives: settings.objectives,
      rng: createRng(settings.seed),
      populationSize: settings.populationSize,
      options: settings.tacticOptions,
      ...(environment.pool === undefined ? {} : { pool: environment.pool }),
      ...(exact === undefined ? {} : { exact }),
      ...(environment.features === undefined ? {} : { features: environment.features }),
      ...(environment.costFeatures === undefined ? {} : { costFeatures: environment.costFeatures }),
    };
    this.tactic = environment.createTactic(tacticContext);
  }

  /** Creates or resumes a study; a resumed study replays its stored history through a fresh tactic. */
  static async open(options: OpenStudyOptions): Promise<Study> {
    const { store, name, settings, environment } = options;
    const mode = options.mode ?? 'auto';
    validateSettings(settings, environment);
    let record = await store.getStudy(name);
    if (record === null) {
      if (mode === 'resume') {
        throw new CarveError('NOT_FOUND', `no study named "${name}" in ${store.location}`, {
          field: '--study',
          hint: 'check the name with `carve studies`, or the --storage location',
        });
      }
      record = await store.createStudy(name, settings);
    } else {
      if (mode === 'create') {
        throw new CarveError('CONFLICT', `a study named "${name}" already exists in ${store.location}`, {
          field: '--study',
          hint: 'choose another name, or resume it by running the same command without --new',
        });
      }
      assertSameSettings(name, record.spec as StudySettings, settings);
    }
    const study = new Study(store, record, record.spec as StudySettings, environment);
    await study.replay();
    return study;
  }

  get objectives(): readonly ObjectiveSpec[] {
    return this.settings.objectives;
  }

  /** Every trial, in creation order (frozen records). */
  trials(): readonly TrialRecord[] {
    return this.trialsByNumber;
  }

  /** Trials counted against the budget: every trial created (queued, running or finished). */
  get evaluationCount(): number {
    return this.trialsByNumber.length;
  }

  get isExhausted(): boolean {
    return this.exhausted;
  }

  /**
   * Up to `count` trials to evaluate: unfinished trials of the open batch first, otherwise a new batch from
   * the tactic (stored as queued before it is returned). Returns [] when the budget is spent, the open batch
   * is all handed out and still running, or the tactic has nothing left.
   */
  async ask(count = Number.POSITIVE_INFINITY, budget = this.settings.budget): Promise<TrialHandle[]> {
    const remaining = budget - this.evaluationCount;
    if (this.openBatch === null) {
      if (remaining <= 0 || this.exhausted) return [];
      await this.proposeBatch(remaining);
    } else if (this.openBatch.remainder.length > 0 && remaining > 0) {
      await this.extendOpenBatch(remaining);
    }
    const pending = this.pendingTrials();
    return pending.slice(0, count).map((trial) => this.handleOf(trial));
  }

  /** Records a result; when the open batch is finished the tactic observes it. */
  async tell(trial: TrialHandle | number, result: TellResult, options: { fromCache?: boolean } = {}): Promise<TrialRecord> {
    const number = typeof trial === 'number' ? trial : trial.number;
    const existing = this.trialsByNumber[number];
    if (existing === undefined) {
      throw new CarveError('BAD_INPUT', `study "${this.name}" has no trial ${number}`, { field: 'trial' });
    }
    if (existing.state === 'complete' || existing.state === 'failed') {
      throw new CarveError('CONFLICT', `trial ${number} of study "${this.name}" is already ${existing.state}`, {
        field: 'trial',
      });
    }
    const settlement = settleResult(result, this.settings.objectives);
    const fromCache = settlement.state === 'complete' && options.fromCache === true;
    await storeSettlement(this.store, this.record.id, number, settlement, fromCache);
    const completedAt = new Date().toISOString();
    const updated: TrialRecord =
      settlement.state === 'complete'
        ? { ...existing, state: 'complete', values: settlement.values, fromCache, completedAt }
        : { ...existing, state: 'failed', reason: settlement.reason, completedAt };
    this.remember(updated);
    this.closeBatchIfFinished();
    return updated;
  }

  /**
   * The loop over ask/tell: evaluates batches with the environment's evaluators (stored measurements are
   * reused, never repeated) until the budget is spent or the tactic is exhausted.
   */
  async optimize(options: OptimizeOptions = {}): Promise<StudyProgress> {
    const budget = options.budget ?? this.settings.budget;
    if (!Number.isInteger(budget) || budget < 0) {
      throw new CarveError('BAD_INPUT', `budget must be a non-negative integer, got ${budget}`, { field: '--evals' });
    }
    for (;;) {
      if (options.signal?.aborted === true) break;
      const handles = await this.ask(options.chunkSize ?? Number.POSITIVE_INFINITY, budget);
      if (handles.length === 0) break;
      const worker = workerName();
      await this.store.startTrials(
        this.record.id,
        handles.map((handle) => handle.number),
        worker,
      );
      const startedAt = new Date().toISOString();
      for (const handle of handles) {
        const trial = this.trialsByNumber[handle.number] as TrialRecord;
        this.remember({ ...trial, state: 'running', worker, attempts: trial.attempts + 1, startedAt });
      }
      await evaluateTrials({
        store: this.store,
        evaluators: this.environment.evaluators,
        trials: handles,
        policy: options.evaluation ?? {},
        tell: async (handle, result, fromCache) => {
          await this.tell(handle, result, { fromCache });
        },
        log: async (kind, payload) => this.store.appendEvent(this.record.id, kind, payload),
      });
      options.onProgress?.(this.progress(budget));
    }
    return this.progress(budget);
  }

  /**
   * Adopts trials as they are in the store, evaluated elsewhere (by workers): open trials take the stored
   * state; finished ones stay as they are. When the open batch is finished the tactic observes it, exactly as
   * after tell().
   */
  absorb(records: readonly TrialRecord[]): void {
    for (const record of records) {
      const known = this.trialsByNumber[record.number];
      if (known === undefined || known.key !== record.key || record.studyId !== this.record.id) {
        throw new CarveError('CONFLICT', `trial ${record.number} (${record.key}) does not belong to study "${this.name}" as stored`, {
          field: 'trial',
          hint: 'absorb only records read from this study',
        });
      }
      if (known.state === 'complete' || known.state === 'failed') continue;
      this.remember(record);
    }
    this.closeBatchIfFinished();
  }

  /**
   * The coordinator's loop: like optimize(), but each batch is only stored as queued trials, for `carve worker`
   * processes to claim and evaluate; it waits until the whole batch is finished in the store (requeueing trials
   * whose lease ran out), then the tactic observes it. Same proposals and observations as optimize(), so a
   * seeded study ends with the same trials whoever evaluated them.
   */
  async optimizeRemote(options: RemoteOptimizeOptions): Promise<StudyProgress> {
    const budget = options.budget ?? this.settings.budget;
    if (!Number.isInteger(budget) || budget < 0) {
      throw new CarveError('BAD_INPUT', `budget must be a non-negative integer, got ${budget}`, { field: '--evals' });
    }
    for (;;) {
      if (options.signal?.aborted === true) break;
      const handles = await this.ask(Number.POSITIVE_INFINITY, budget);
      if (handles.length === 0) break;
      const finished = await waitForTrials({
        store: this.store,
        studyId: this.record.id,
        numbers: handles.map((handle) => handle.number),
        leaseMs: options.leaseMs,
        pollMs: options.pollMs ?? DEFAULT_POLL_MS,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        onRequeued: async (expired) => {
          await this.store.appendEvent(this.record.id, TRIALS_REQUEUED_EVENT, { leaseMs: options.leaseMs, trials: expired });
          options.onRequeued?.(expired);
        },
        ...(options.onIdle === undefined ? {} : { onIdle: options.onIdle, idleMs: options.idleMs ?? DEFAULT_IDLE_MS }),
      });
      if (finished === null) break;
      this.absorb(finished);
      options.onProgress?.(this.progress(budget));
    }
    return this.progress(budget);
  }

  /** Feasible, complete, non-dominated trials. */
  front(): FrontMember[] {
    return frontOf(this.trialsByNumber, this.settings.objectives);
  }

  progress(budget = this.settings.budget): StudyProgress {
    let complete = 0;
    let failed = 0;
    for (const trial of this.trialsByNumber) {
      if (trial.state === 'complete') complete += 1;
      else if (trial.state === 'failed') failed += 1;
    }
    const front = this.front();
    return {
      evaluations: this.evaluationCount,
      budget,
      complete,
      failed,
      frontSize: front.length,
      hypervolume: normalizedHypervolume(front, this.trialsByNumber, this.settings.objectives, this.environment.hypervolumeBasis),
      elapsedMs: Date.now() - this.startedAt,
    };
  }

  private pendingTrials(): TrialRecord[] {
    if (this.openBatch === null) return [];
    const pending: TrialRecord[] = [];
    for (const key of this.openBatch.keys) {
      const trial = this.trialByKey.get(key);
      if (trial !== undefined && trial.batch === this.openBatch.index && (trial.state === 'queued' || trial.state === 'running')) {
        pending.push(trial);
      }
    }
    return pending;
  }

  private handleOf(trial: TrialRecord): TrialHandle {
    return { number: trial.number, key: trial.key, genome: trial.genome, config: trial.config };
  }

  private remember(trial: TrialRecord): void {
    this.trialsByNumber[trial.number] = trial;
    this.trialByKey.set(trial.key, trial);
  }

  /** Asks the tactic for a batch, drops duplicates, stores as many new trials as the budget allows as queued. */
  private async proposeBatch(remaining: number): Promise<void> {
    const { keys, genomes, fresh } = this.drawProposal();
    const index = this.batchCount;
    if (keys.length === 0) {
      this.exhausted = true;
      return;
    }
    this.batchCount += 1;
    this.openBatch = { index, keys, genomes, remainder: fresh };
    const detail = this.tactic.describeLastProposal?.();
    if (detail !== undefined) await this.store.appendEvent(this.record.id, TACTIC_ITERATION_EVENT, { batch: index, ...detail });
    await this.extendOpenBatch(remaining);
  }

  /** Stores up to `remaining` of the open batch's unstored fresh keys as queued trials. */
  private async extendOpenBatch(remaining: number): Promise<void> {
    const batch = this.openBatch;
    if (batch === null) return;
    const take = batch.remainder.slice(0, Math.max(0, remaining));
    const newTrials = take.map((key) => {
      const genome = batch.genomes.get(key) as Genome;
      return { key, genome: [...genome], config: this.environment.codec.toNative(genome), batch: batch.index };
    });
    const stored = newTrials.length === 0 ? [] : await this.store.addTrials(this.record.id, newTrials);
    for (const trial of stored) this.remember(trial);
    batch.remainder = batch.remainder.slice(take.length);
    this.closeBatchIfFinished();
  }

  /** Proposal of the tactic, canonicalised and deduplicated; `fresh` = keys the study has never seen. */
  private drawProposal(): { keys: string[]; genomes: Map<string, Genome>; fresh: string[] } {
    const proposed = this.tactic.propose({ plannedEvaluations: this.settings.budget, evaluationsSoFar: this.evaluationCount });
    const space = this.environment.space;
    const keys: string[] = [];
    const genomes = new Map<string, Genome>();
    const fresh: string[] = [];
    for (const raw of proposed) {
      space.validate(raw);
      const genome = space.canonicalize(raw);
      const key = space.key(genome);
      if (genomes.has(key)) continue;
      if (!this.trialByKey.has(key)) fresh.push(key);
      keys.push(key);
      genomes.set(key, genome);
    }
    return { keys, genomes, fresh };
  }

  private closeBatchIfFinished(): void {
    const batch = this.openBatch;
    if (batch === null || batch.remainder.length > 0) return;
    const observations: Observation[] = [];
    for (const key of batch.keys) {
      const trial = this.trialByKey.get(key);
      if (trial === undefined) return; // cannot happen: every key is stored or known
      if (trial.state === 'queued' || trial.state === 'running') return;
      observations.push(this.observationOf(trial));
    }
    this.openBatch = null;
    this.tactic.observe(observations);
  }

  private observationOf(trial: TrialRecord): Observation {
    if (trial.state === 'complete' && trial.values !== null) {
      const scored = scoreValues(trial.values, this.settings.objectives);
      if (typeof scored !== 'string') {
        return { genome: trial.genome, key: trial.key, values: scored.values, objectives: scored.objectives, violation: scored.violation };
      }
    }
    return { genome: trial.genome, key: trial.key, values: null, objectives: null, violation: Number.POSITIVE_INFINITY };
  }

  /**
   * Rebuilds the tactic's state from the store: each stored batch is proposed again by the fresh tactic and
   * must match what was stored (same seed, same settings); finished batches are observed in order. Only the
   * last batch may hold fewer trials than proposed (the budget ran out): its remainder waits for more budget.
   */
  private async replay(): Promise<void> {
    const stored = await this.store.listTrials(this.record.id);
    const batches = new Map<number, TrialRecord[]>();
    for (const trial of stored) {
      const list = batches.get(trial.batch) ?? [];
      list.push(trial);
      batches.set(trial.batch, list);
    }
    const lastIndex = Math.max(-1, ...batches.keys());
    for (let index = 0; index <= lastIndex; index += 1) {
      // A batch made only of already known architectures stores no trial: it is proposed again all the same.
      this.replayBatch(index, batches.get(index) ?? [], index === lastIndex);
    }
    this.batchCount = lastIndex + 1;
  }

  private replayBatch(index: number, trials: readonly TrialRecord[], isLast: boolean): void {
    const { keys, genomes, fresh } = this.drawProposal();
    const storedKeys = trials.map((trial) => trial.key);
    const prefix = storedKeys.length <= fresh.length && storedKeys.every((key, i) => fresh[i] === key);
    if (!prefix || (!isLast && storedKeys.length !== fresh.length)) {
      throw new CarveError(
        'CONFLICT',
        `study "${this.name}" cannot be resumed: replaying batch ${index} proposed other architectures than the stored ones`,
        {
          field: '--study',
          hint: 'the study was made by another version of carve or with other settings; start a new study name',
        },
      );
    }
    for (const trial of trials) this.remember(trial);
    this.openBatch = { index, keys, genomes, remainder: fresh.slice(storedKeys.length) };
    this.closeBatchIfFinished();
  }
}

function workerName(): string {
  return `pid:${process.pid}`;
}

function validateSettings(settings: StudySettings, environment: StudyEnvironment): void {
  if (settings.objectives.length === 0) {
    throw new CarveError('BAD_INPUT', 'a study needs at least one objective', { field: '--objectives' });
  }
  const provided = new Set(environment.evaluators.flatMap((evaluator) => evaluator.provides));
  for (const objective of settings.objectives) {
    if (!provided.has(objective.name)) {
      throw new CarveError('BAD_INPUT', `no evaluator provides objective "${objective.name}"`, {
        field: '--objectives',
        hint: `available objectives: ${[...provided].join(', ')}`,
      });
    }
  }
  if (!Number.isInteger(settings.populationSize) || settings.populationSize < 1) {
    throw new CarveError('BAD_INPUT', `population must be a positive integer, got ${settings.populationSize}`, {
      field: '--population',
    });
  }
  if (!Number.isInteger(settings.seed)) {
    throw new CarveError('BAD_INPUT', `seed must be an integer, got ${settings.seed}`, { field: '--seed' });
  }
}

/** CONFLICT naming the first frozen setting (problem, objectives, tactic, seed…) that differs. */
export function assertSameSettings(name: string, stored: StudySettings, requested: StudySettings): void {
  for (const field of FROZEN_SETTINGS) {
    const before = stableStringify(stored[field] ?? null);
    const after = stableStringify(requested[field] ?? null);
    if (before !== after) {
      throw new CarveError(
        'CONFLICT',
        `study "${name}" exists with ${field} = ${before}, but ${after} was requested`,
        { field: `--${field === 'populationSize' ? 'population' : field}`, hint: 'use the stored setting to resume, or another --study name' },
      );
    }
  }
}
