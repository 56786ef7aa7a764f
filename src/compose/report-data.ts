// Gathers a stored study into the plain data the report writers draw: trials, front, hypervolume curve.

import type { ObjectiveSpec } from '../core/objective.js';
import { hypervolumeCurve } from '../indicators/index.js';
import type { StudyReportData } from '../reports/index.js';
import type { StudyRecord, TrialRecord } from '../storage/types.js';
import { frontOf, normalizePoint, observedBasis, scoreValues, type HypervolumeBasis, type StudySettings } from '../study/index.js';

export interface ReportInputs {
  readonly record: StudyRecord;
  readonly trials: readonly TrialRecord[];
  readonly storage: string;
  /** Fixed normalisation (a benchmark table's); absent = the ranges observed in the study. */
  readonly basis?: HypervolumeBasis;
  readonly trueFront?: readonly { values: Readonly<Record<string, number>> }[];
}

export function buildReportData(inputs: ReportInputs): StudyReportData {
  const settings = inputs.record.spec as StudySettings;
  const objectives = settings.objectives;
  const onFront = new Set(frontOf(inputs.trials, objectives).map((member) => member.trial.number));
  const trials = inputs.trials.map((trial) => ({
    number: trial.number,
    key: trial.key,
    state: trial.state,
    config: trial.config,
    values: trial.values,
    reason: trial.reason,
    feasible: isFeasible(trial, objectives),
    onFront: onFront.has(trial.number),
  }));
  const basis = inputs.basis ?? observedBasis(inputs.trials, objectives) ?? undefined;
  const curve = basis === undefined ? undefined : hypervolumeOverTrials(inputs.trials, objectives, basis);
  const note =
    inputs.basis === undefined
      ? 'hypervolume of the feasible front, objectives min-max normalised over the trials observed, reference point (1, …, 1)'
      : 'hypervolume of the feasible front, objectives min-max normalised over the whole problem table, reference point (1, …, 1)';
  return {
    studyName: inputs.record.name,
    problem: settings.problem ?? settings.supernet ?? undefined,
    tactic: settings.tactic,
    seed: settings.seed,
    storage: inputs.storage,
    createdAt: inputs.record.createdAt,
    objectives: objectives.map((objective) => ({
      name: objective.name,
      direction: objective.direction,
      unit: objective.unit,
      ...(objective.bound === undefined ? {} : { bound: objective.bound }),
    })),
    trials,
    hypervolumeCurve: curve,
    hypervolumeNote: note,
    trueFront: inputs.trueFront,
  };
}

function isFeasible(trial: TrialRecord, objectives: readonly ObjectiveSpec[]): boolean {
  if (trial.state !== 'complete' || trial.values === null) return false;
  const scored = scoreValues(trial.values, objectives);
  return typeof scored !== 'string' && scored.violation === 0;
}

/** HV after each trial in evaluation order; failed and infeasible trials repeat the previous value. */
export function hypervolumeOverTrials(
  trials: readonly TrialRecord[],
  objectives: readonly ObjectiveSpec[],
  basis: HypervolumeBasis,
): { evaluations: number; hypervolume: number }[] {
  const points: number[][] = [];
  const pointCountAfter: number[] = [];
  for (const trial of trials) {
    if (trial.state === 'complete' && trial.values !== null) {
      const scored = scoreValues(trial.values, objectives);
      if (typeof scored !== 'string' && scored.violation === 0) points.push(normalizePoint(scored.objectives, basis));
    }
    pointCountAfter.push(points.length);
  }
  const curve = points.length === 0 ? [] : hypervolumeCurve(points, objectives.map(() => 1));
  return pointCountAfter.map((count, index) => ({
    evaluations: index + 1,
    hypervolume: count === 0 ? 0 : (curve[count - 1] as number),
  }));
}
