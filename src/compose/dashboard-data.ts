// What the dashboard shows of a stored study, read from the store only: trials by state against the budget,
// the hypervolume so far, who works on it (coordinator and workers, from the lifecycle events and the trials'
// worker and heartbeat columns), requeued trials and the last events.

import type { StudyReportData } from '../reports/index.js';
import type { StudyEvent, StudyRecord, TrialRecord, TrialState, TrialStore } from '../storage/types.js';
import {
  COORDINATOR_STARTED_EVENT,
  STUDY_FINISHED_EVENT,
  TACTIC_ITERATION_EVENT,
  TRIALS_REQUEUED_EVENT,
  type StudySettings,
} from '../study/index.js';
import { loadReportData, type ProblemReference } from './stored-report.js';

/** Without a coordinator's lease to go by, a worker or coordinator silent this long is shown as inactive. */
export const DEFAULT_ACTIVITY_WINDOW_MS = 60_000;
/** How many of the most recent events a study page lists. */
export const LAST_EVENTS = 20;

export type TrialCounts = Record<TrialState, number> & { readonly total: number };

export interface CoordinatorState {
  /** none: no coordinator ever ran; running: started and not yet marked finished; finished: marked finished. */
  readonly state: 'none' | 'running' | 'finished';
  readonly name: string | null;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly leaseMs: number | null;
  /** Running, and the study showed activity within the activity window. */
  readonly active: boolean;
}

export interface WorkerState {
  readonly name: string;
  readonly running: number;
  readonly complete: number;
  readonly failed: number;
  /** Its latest heartbeat, start or completion on any trial. */
  readonly lastSeenAt: string | null;
  readonly active: boolean;
}

export interface StudyOverview {
  readonly name: string;
  readonly problem: string | null;
  readonly tactic: string;
  readonly seed: number;
  readonly budget: number;
  readonly createdAt: string;
  readonly trials: TrialCounts;
  /** Complete plus failed trials. */
  readonly evaluations: number;
  readonly hypervolume: number | null;
  readonly lastActivityAt: string;
  readonly coordinator: CoordinatorState;
  /** Workers seen on the study's trials, active or not. */
  readonly workers: number;
  readonly activeWorkers: number;
}

export interface RequeuedTrial {
  readonly number: number;
  readonly worker: string | null;
  readonly lastSeenAt: string;
  readonly requeuedAt: string;
}

export interface DashboardEvent {
  readonly seq: number;
  readonly kind: string;
  readonly createdAt: string;
  readonly payload: unknown;
}

export interface StudyFrontRow {
  readonly number: number;
  readonly key: string;
  readonly values: Readonly<Record<string, number>> | null;
  readonly config: unknown;
}

export interface StudyLive extends StudyOverview {
  readonly workerStates: readonly WorkerState[];
  readonly requeued: readonly RequeuedTrial[];
  readonly events: readonly DashboardEvent[];
  readonly front: readonly StudyFrontRow[];
  /** The report's data over the finished trials, which the charts and tables are drawn from. */
  readonly report: StudyReportData;
}

export interface DashboardReadOptions {
  readonly now?: Date;
  /** Cached per problem id (reading a benchmark table takes a while); filled on first use. */
  readonly references?: Map<string, ProblemReference>;
  readonly loadReference?: (settings: StudySettings) => ProblemReference;
}

export function countStates(trials: readonly TrialRecord[]): TrialCounts {
  const counts = { queued: 0, running: 0, complete: 0, failed: 0, total: trials.length };
  for (const trial of trials) counts[trial.state] += 1;
  return counts;
}

function latest(times: readonly (string | null)[]): string | null {
  let best: string | null = null;
  for (const time of times) if (time !== null && (best === null || Date.parse(time) > Date.parse(best))) best = time;
  return best;
}

function isRecent(time: string | null, now: Date, windowMs: number): boolean {
  return time !== null && now.getTime() - Date.parse(time) <= windowMs;
}

function lastOf(events: readonly StudyEvent[], kind: string): StudyEvent | undefined {
  for (let index = events.length - 1; index >= 0; index -= 1) if (events[index]?.kind === kind) return events[index];
  return undefined;
}

function payloadField(payload: unknown, field: string): unknown {
  return typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>)[field] : undefined;
}

/** Latest sign of life of the study: any trial timestamp or event. */
export function lastActivity(record: StudyRecord, trials: readonly TrialRecord[], events: readonly StudyEvent[]): string {
  const times: (string | null)[] = [record.createdAt];
  for (const trial of trials) times.push(trial.createdAt, trial.startedAt, trial.heartbeatAt, trial.completedAt);
  const lastEvent = events.at(-1);
  if (lastEvent !== undefined) times.push(lastEvent.createdAt);
  return latest(times) ?? record.createdAt;
}

export function coordinatorState(events: readonly StudyEvent[], lastActivityAt: string, now: Date): CoordinatorState {
  const started = lastOf(events, COORDINATOR_STARTED_EVENT);
  const finished = lastOf(events, STUDY_FINISHED_EVENT);
  const leaseMs = started === undefined ? null : payloadField(started.payload, 'leaseMs');
  const lease = typeof leaseMs === 'number' && Number.isFinite(leaseMs) && leaseMs > 0 ? leaseMs : null;
  const name = started === undefined ? null : payloadField(started.payload, 'coordinator');
  const state = started === undefined ? 'none' : finished !== undefined && finished.seq > started.seq ? 'finished' : 'running';
  return {
    state,
    name: typeof name === 'string' ? name : null,
    startedAt: started?.createdAt ?? null,
    finishedAt: state === 'finished' ? (finished?.createdAt ?? null) : null,
    leaseMs: lease,
    active: state === 'running' && isRecent(lastActivityAt, now, activityWindow(lease)),
  };
}

/** A worker is active while it heartbeats within a lease (twice the lease: it renews four times per lease). */
function activityWindow(leaseMs: number | null): number {
  return leaseMs === null ? DEFAULT_ACTIVITY_WINDOW_MS : Math.max(2 * leaseMs, 5_000);
}

export function workerStates(trials: readonly TrialRecord[], leaseMs: number | null, now: Date): WorkerState[] {
  const byName = new Map<string, { running: number; complete: number; failed: number; times: (string | null)[] }>();
  for (const trial of trials) {
    if (trial.worker === null) continue;
    let entry = byName.get(trial.worker);
    if (entry === undefined) {
      entry = { running: 0, complete: 0, failed: 0, times: [] };
      byName.set(trial.worker, entry);
    }
    if (trial.state === 'running') entry.running += 1;
    else if (trial.state === 'complete') entry.complete += 1;
    else if (trial.state === 'failed') entry.failed += 1;
    entry.times.push(trial.heartbeatAt, trial.startedAt, trial.completedAt);
  }
  const window = activityWindow(leaseMs);
  return [...byName.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, entry]) => {
      const lastSeenAt = latest(entry.times);
      return { name, running: entry.running, complete: entry.complete, failed: entry.failed, lastSeenAt, active: isRecent(lastSeenAt, now, window) };
    });
}

export function requeuedTrials(events: readonly StudyEvent[]): RequeuedTrial[] {
  const requeued: RequeuedTrial[] = [];
  for (const event of events) {
    if (event.kind !== TRIALS_REQUEUED_EVENT) continue;
    const listed = payloadField(event.payload, 'trials');
    if (!Array.isArray(listed)) continue;
    for (const entry of listed) {
      const number = payloadField(entry, 'number');
      const worker = payloadField(entry, 'worker');
      const lastSeenAt = payloadField(entry, 'lastSeenAt');
      if (typeof number !== 'number') continue;
      requeued.push({
        number,
        worker: typeof worker === 'string' ? worker : null,
        lastSeenAt: typeof lastSeenAt === 'string' ? lastSeenAt : '',
        requeuedAt: event.createdAt,
      });
    }
  }
  return requeued;
}

function referenceFor(settings: StudySettings, options: DashboardReadOptions): ProblemReference | undefined {
  if (options.loadReference === undefined) return undefined;
  const id = settings.problem ?? '';
  const cached = options.references?.get(id);
  if (cached !== undefined) return cached;
  const loaded = options.loadReference(settings);
  options.references?.set(id, loaded);
  return loaded;
}

/** Everything the dashboard shows of one study, from one read of its trials and events. */
export async function readStudyLive(store: TrialStore, record: StudyRecord, options: DashboardReadOptions = {}): Promise<StudyLive> {
  const now = options.now ?? new Date();
  const settings = record.spec as StudySettings;
  const [trials, events] = await Promise.all([store.listTrials(record.id), store.listEvents(record.id)]);
  // Charts and the front cover finished trials only, so the hypervolume curve's x axis counts evaluations.
  const finished = trials.filter((trial) => trial.state === 'complete' || trial.state === 'failed');
  const reference = referenceFor(settings, options);
  const report = await loadReportData(store, record, {
    trials: finished,
    events: events.filter((event) => event.kind === TACTIC_ITERATION_EVENT),
    ...(reference === undefined ? {} : { reference }),
  });
  const counts = countStates(trials);
  const lastActivityAt = lastActivity(record, trials, events);
  const coordinator = coordinatorState(events, lastActivityAt, now);
  const workers = workerStates(trials, coordinator.leaseMs, now);
  const curve = report.hypervolumeCurve ?? [];
  const first = settings.objectives[0]?.name;
  const front = report.trials
    .filter((trial) => trial.onFront)
    .map((trial) => ({ number: trial.number, key: trial.key, values: trial.values, config: trial.config }))
    .sort((a, b) => (first === undefined ? 0 : (a.values?.[first] ?? 0) - (b.values?.[first] ?? 0)) || a.number - b.number);
  return {
    name: record.name,
    problem: settings.problem ?? settings.supernet ?? null,
    tactic: settings.tactic,
    seed: settings.seed,
    budget: settings.budget,
    createdAt: record.createdAt,
    trials: counts,
    evaluations: counts.complete + counts.failed,
    hypervolume: curve.at(-1)?.hypervolume ?? null,
    lastActivityAt,
    coordinator,
    workers: workers.length,
    activeWorkers: workers.filter((worker) => worker.active).length,
    workerStates: workers,
    requeued: requeuedTrials(events),
    events: events.slice(-LAST_EVENTS).reverse().map((event) => ({ seq: event.seq, kind: event.kind, createdAt: event.createdAt, payload: event.payload })),
    front,
    report,
  };
}

/** The overview row of a study (the live view without its tables). */
export function overviewOf(live: StudyLive): StudyOverview {
  const { workerStates: _workers, requeued: _requeued, events: _events, front: _front, report: _report, ...overview } = live;
  return overview;
}

/** Every study in the store, in creation order. */
export async function readStudyOverviews(store: TrialStore, options: DashboardReadOptions = {}): Promise<StudyOverview[]> {
  const records = await store.listStudies();
  const overviews: StudyOverview[] = [];
  for (const record of records) overviews.push(overviewOf(await readStudyLive(store, record, options)));
  return overviews;
}
