// Plain data a report is drawn from: the caller gathers it (from a store or anywhere), the writers only read it.

import type { Bound, Direction } from '../core/objective.js';

export interface ReportObjective {
  readonly name: string;
  readonly direction: Direction;
  readonly unit: string;
  readonly bound?: Bound | undefined;
}

export type ReportTrialState = 'queued' | 'running' | 'complete' | 'failed';

export interface ReportTrial {
  readonly number: number;
  readonly key: string;
  readonly state: ReportTrialState;
  /** The super-network's native config (what the user's own code consumes). */
  readonly config: unknown;
  /** Objective values by objective name; null unless the trial is complete. */
  readonly values: Readonly<Record<string, number>> | null;
  /** Why the trial failed; null otherwise. */
  readonly reason: string | null;
  /** False when a complete trial violates an objective bound. */
  readonly feasible: boolean;
  /** True for members of the feasible Pareto front. */
  readonly onFront: boolean;
}

export interface HypervolumePoint {
  readonly evaluations: number;
  readonly hypervolume: number;
}

export interface TrueFrontPoint {
  readonly values: Readonly<Record<string, number>>;
}

/** The model a tactic fitted for one objective in one iteration, with the cross-validated scores it chose it by. */
export interface IterationModel {
  readonly objective: string;
  readonly model: string;
  /** Null when the model was not selected by cross-validation (e.g. an objective computed exactly). */
  readonly cvKendallTau: number | null;
  readonly cvRmse: number | null;
}

/** One batch a model-based tactic proposed: how many trials were validated before it and the models it used. */
export interface TacticIteration {
  readonly batch: number;
  readonly observed: number;
  readonly models: readonly IterationModel[];
}

export interface StudyReportData {
  readonly studyName: string;
  readonly title?: string | undefined;
  readonly problem?: string | undefined;
  readonly tactic?: string | undefined;
  readonly seed?: number | undefined;
  readonly storage?: string | undefined;
  readonly createdAt?: string | undefined;
  readonly objectives: readonly ReportObjective[];
  /** Every trial, in evaluation order. */
  readonly trials: readonly ReportTrial[];
  readonly hypervolumeCurve?: readonly HypervolumePoint[] | undefined;
  /** How the hypervolume was computed (e.g. the normalisation and reference point), shown beside the curve. */
  readonly hypervolumeNote?: string | undefined;
  /** A known true front, drawn as a reference. */
  readonly trueFront?: readonly TrueFrontPoint[] | undefined;
  /** Hypervolume of the true front, on the same basis and reference point as the curve. */
  readonly trueHypervolume?: number | undefined;
  /** Per proposed batch, the predictors a model-based tactic used; absent or empty for other tactics. */
  readonly iterations?: readonly TacticIteration[] | undefined;
}
