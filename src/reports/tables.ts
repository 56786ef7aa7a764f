// The front, the trial list and the tactic's iterations as rows: the same content feeds CSV, JSON and the HTML tables.

import type { CsvCell } from './csv.js';
import type { ReportObjective, ReportTrial, StudyReportData } from './types.js';

/** Front members (complete trials flagged onFront), ordered by the first objective's value, then trial number. */
export function frontTrials(data: StudyReportData): ReportTrial[] {
  const first = data.objectives[0]?.name;
  const valueOf = (trial: ReportTrial): number => (first === undefined ? 0 : (trial.values?.[first] ?? Number.POSITIVE_INFINITY));
  return data.trials
    .filter((trial) => trial.state === 'complete' && trial.onFront)
    .sort((a, b) => valueOf(a) - valueOf(b) || a.number - b.number);
}

/** Config as one JSON line (CSV cells, table cells); undefined configs become null. */
export function configJson(config: unknown): string {
  return JSON.stringify(config ?? null);
}

function objectiveCells(trial: ReportTrial, objectives: readonly ReportObjective[]): CsvCell[] {
  return objectives.map((objective) => trial.values?.[objective.name] ?? null);
}

export function frontCsvHeader(objectives: readonly ReportObjective[]): string[] {
  return ['number', 'key', ...objectives.map((objective) => objective.name), 'config'];
}

export function frontCsvRows(data: StudyReportData): CsvCell[][] {
  return frontTrials(data).map((trial) => [trial.number, trial.key, ...objectiveCells(trial, data.objectives), configJson(trial.config)]);
}

export function trialsCsvHeader(objectives: readonly ReportObjective[]): string[] {
  return ['number', 'state', 'key', ...objectives.map((objective) => objective.name), 'feasible', 'on_front', 'reason', 'config'];
}

export function trialsCsvRows(data: StudyReportData): CsvCell[][] {
  return data.trials.map((trial) => [
    trial.number,
    trial.state,
    trial.key,
    ...objectiveCells(trial, data.objectives),
    trial.state === 'complete' ? trial.feasible : null,
    trial.onFront,
    trial.reason,
    configJson(trial.config),
  ]);
}

function objectivesJson(objectives: readonly ReportObjective[]): unknown[] {
  return objectives.map((objective) => ({
    name: objective.name,
    direction: objective.direction,
    unit: objective.unit,
    ...(objective.bound === undefined ? {} : { bound: objective.bound }),
  }));
}

export function frontJson(data: StudyReportData): unknown {
  return {
    study: data.studyName,
    objectives: objectivesJson(data.objectives),
    front: frontTrials(data).map((trial) => ({ number: trial.number, key: trial.key, values: trial.values, config: trial.config ?? null })),
  };
}

export function trialsJson(data: StudyReportData): unknown {
  return {
    study: data.studyName,
    objectives: objectivesJson(data.objectives),
    trials: data.trials.map((trial) => ({
      number: trial.number,
      state: trial.state,
      key: trial.key,
      values: trial.values,
      feasible: trial.feasible,
      onFront: trial.onFront,
      reason: trial.reason,
      config: trial.config ?? null,
    })),
  };
}

export function iterationsCsvHeader(): string[] {
  return ['batch', 'observed', 'objective', 'model', 'cv_kendall_tau', 'cv_rmse'];
}

/** One row per batch and objective, so the file loads as a long table (one model per row). */
export function iterationsCsvRows(data: StudyReportData): CsvCell[][] {
  return (data.iterations ?? []).flatMap((iteration) =>
    iteration.models.map((model) => [iteration.batch, iteration.observed, model.objective, model.model, model.cvKendallTau, model.cvRmse]),
  );
}

export function iterationsJson(data: StudyReportData): unknown {
  return {
    study: data.studyName,
    iterations: (data.iterations ?? []).map((iteration) => ({
      batch: iteration.batch,
      observed: iteration.observed,
      models: iteration.models.map((model) => ({ objective: model.objective, model: model.model, cvKendallTau: model.cvKendallTau, cvRmse: model.cvRmse })),
    })),
  };
}

export interface TrialCounts {
  readonly total: number;
  readonly complete: number;
  readonly failed: number;
  readonly pending: number;
  readonly infeasible: number;
  readonly front: number;
}

export function countTrials(data: StudyReportData): TrialCounts {
  let complete = 0;
  let failed = 0;
  let infeasible = 0;
  let front = 0;
  for (const trial of data.trials) {
    if (trial.state === 'complete') {
      complete += 1;
      if (!trial.feasible) infeasible += 1;
      if (trial.onFront) front += 1;
    } else if (trial.state === 'failed') {
      failed += 1;
    }
  }
  return { total: data.trials.length, complete, failed, pending: data.trials.length - complete - failed, infeasible, front };
}
