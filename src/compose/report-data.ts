// Gathers a stored study into the plain data the report writers draw: trials, front, hypervolume curve,
// the true front's hypervolume and the predictors a model-based tactic used per batch.

import type { ObjectiveSpec } from '../core/objective.js';
import { hypervolume, hypervolumeCurve } from '../indicators/index.js';
import type { IterationModel, StudyReportData, TacticIteration } from '../reports/index.js';
import type { StudyEvent, StudyRecord, TrialRecord } from '../storage/types.js';
import { frontOf, normalizePoint, observedBasis, scoreValues, TACTIC_ITERATION_EVENT, type HypervolumeBasis, type StudySettings } from '../study/index.js';

export interface ReportInputs {
  readonly record: StudyRecord;
  readonly trials: readonly TrialRecord[];
  readonly storage: string;
  /** Fixed normalisation (a benchmark table's); absent = the ranges observed in the study. */
  readonly basis?: HypervolumeBasis;
  readonly trueFront?: readonly { values: Readonly<Record<string, number>> }[];
  /** The study's 'tactic-iteration' events (events of other kinds are ignored). */
  readonly events?: readonly StudyEvent[];
}

export { TACTIC_ITERATION_EVENT };

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
  const trueHypervolume =
    basis === undefined || inputs.trueFront === undefined ? undefined : trueFrontHypervolume(inputs.trueFront, objectives, basis);
  const iterations = inputs.events === undefined ? undefined : tacticIterations(inputs.events);
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
    ...(trueHypervolume === undefined ? {} : { trueHypervolume }),
    ...(iterations === undefined ? {} : { iterations }),
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

/** HV of the true front's feasible points, computed like each point of hypervolumeOverTrials so the two compare. */
export function trueFrontHypervolume(
  front: readonly { values: Readonly<Record<string, number>> }[],
  objectives: readonly ObjectiveSpec[],
  basis: HypervolumeBasis,
): number {
  const points: number[][] = [];
  for (const point of front) {
    const scored = scoreValues(point.values, objectives);
    if (typeof scored !== 'string' && scored.violation === 0) points.push(normalizePoint(scored.objectives, basis));
  }
  return points.length === 0 ? 0 : hypervolume(points, objectives.map(() => 1));
}

/**
 * The batches described by 'tactic-iteration' events, in stored order. The payloads are stored JSON whose extra
 * fields vary by tactic, so anything unexpected is skipped rather than trusted: an event without an integer batch
 * and observed count or without a models list, and model entries without an objective and model name or with a
 * score that is neither a finite number nor null. An event left with no model is skipped too.
 */
export function tacticIterations(events: readonly StudyEvent[]): TacticIteration[] {
  const iterations: TacticIteration[] = [];
  for (const event of events) {
    if (event.kind !== TACTIC_ITERATION_EVENT) continue;
    const iteration = parseIteration(event.payload);
    if (iteration !== null) iterations.push(iteration);
  }
  return iterations;
}

function parseIteration(payload: unknown): TacticIteration | null {
  if (!isRecord(payload)) return null;
  const { batch, observed, models } = payload;
  if (!isCount(batch) || !isCount(observed) || !Array.isArray(models)) return null;
  const parsed = models.map(parseModel).filter((model): model is IterationModel => model !== null);
  return parsed.length === 0 ? null : { batch, observed, models: parsed };
}

function parseModel(entry: unknown): IterationModel | null {
  if (!isRecord(entry)) return null;
  const { objective, model } = entry;
  const cvKendallTau = scoreOrNull(entry['cvKendallTau']);
  const cvRmse = scoreOrNull(entry['cvRmse']);
  if (typeof objective !== 'string' || typeof model !== 'string' || cvKendallTau === undefined || cvRmse === undefined) return null;
  return { objective, model, cvKendallTau, cvRmse };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** A score as stored: a finite number, or null/absent when there is none; undefined marks anything else. */
function scoreOrNull(value: unknown): number | null | undefined {
  if (value === null || value === undefined) return null;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
