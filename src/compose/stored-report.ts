// Reads one stored study into report data: its trials and tactic events, plus, for a registered problem, the
// table's normalisation and true front. Shared by `carve report` and the dashboard.

import { resolveProblem } from '../benchmarks/index.js';
import type { StudyReportData } from '../reports/index.js';
import type { StudyEvent, StudyRecord, TrialRecord, TrialStore } from '../storage/types.js';
import type { HypervolumeBasis, StudySettings } from '../study/index.js';
import { problemBasis } from './problem-study.js';
import { buildReportData, TACTIC_ITERATION_EVENT } from './report-data.js';

export interface ProblemReference {
  readonly basis?: HypervolumeBasis;
  readonly trueFront?: readonly { values: Record<string, number> }[];
}

/** Basis and true front of the study's registered problem; empty for a study built in code or on a super-network. */
export function problemReference(settings: StudySettings): ProblemReference {
  if (settings.problem === null) return {};
  const problem = resolveProblem(settings.problem);
  const basis = problemBasis(problem, settings.objectives);
  const reference = problem.reference;
  const trueFront = reference?.trueFront.map((row) => {
    const values: Record<string, number> = {};
    problem.objectives.forEach((objective, index) => {
      values[objective.name] = row.values[index] as number;
    });
    return { values };
  });
  return { ...(basis === undefined ? {} : { basis }), ...(trueFront === undefined ? {} : { trueFront }) };
}

export interface StoredReportOptions {
  /** Trials already read (else they are listed from the store). */
  readonly trials?: readonly TrialRecord[];
  /** Events already read, of any kind (else the tactic's iteration events are listed from the store). */
  readonly events?: readonly StudyEvent[];
  /** Cached problemReference(settings), which reads the problem's table. */
  readonly reference?: ProblemReference;
}

export async function loadReportData(store: TrialStore, record: StudyRecord, options: StoredReportOptions = {}): Promise<StudyReportData> {
  const settings = record.spec as StudySettings;
  const trials = options.trials ?? (await store.listTrials(record.id));
  // Model-based tactics leave one event per batch naming the predictors they chose; the report tabulates them.
  const events = options.events ?? (await store.listEvents(record.id, TACTIC_ITERATION_EVENT));
  const { basis, trueFront } = options.reference ?? problemReference(settings);
  return buildReportData({
    record,
    trials,
    events,
    storage: store.location,
    ...(basis === undefined ? {} : { basis }),
    ...(trueFront === undefined ? {} : { trueFront }),
  });
}
