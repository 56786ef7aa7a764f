// Types of studies: persisted settings, live trial handles and progress reports.

import type { ObjectiveSpec } from '../core/objective.js';
import type { Genome } from '../space/types.js';

/** What a study was created with; stored with it and checked when it is resumed. */
export interface StudySettings {
  readonly formatVersion: 1;
  /** Registered problem id (e.g. nb201/cifar10/pixel3), or null for a study built in code. */
  readonly problem: string | null;
  /** Super-network id when the study searches a built-in super-network. */
  readonly supernet?: string | null;
  readonly objectives: readonly ObjectiveSpec[];
  readonly tactic: string;
  readonly tacticOptions: Readonly<Record<string, unknown>>;
  readonly seed: number;
  readonly populationSize: number;
  /** Evaluation budget given when the study was created (a resumed run may raise it). */
  readonly budget: number;
}

/** A live trial handed out by ask(): what to evaluate. */
export interface TrialHandle {
  readonly number: number;
  readonly key: string;
  readonly genome: Genome;
  readonly config: unknown;
}

export type TellResult =
  | { readonly ok: true; readonly values: Readonly<Record<string, number>> }
  | { readonly ok: false; readonly reason: string };

export interface StudyProgress {
  readonly evaluations: number;
  readonly budget: number;
  readonly complete: number;
  readonly failed: number;
  readonly frontSize: number;
  /** Hypervolume of the feasible front in the study's normalised space (see hypervolumeBasis). */
  readonly hypervolume: number;
  readonly elapsedMs: number;
}
