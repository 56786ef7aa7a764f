// The feasible Pareto front of a set of trials and its hypervolume in a normalised space.

import type { ObjectiveSpec } from '../core/objective.js';
import { hypervolume, paretoFrontIndices } from '../indicators/index.js';
import type { TrialRecord } from '../storage/types.js';
import { scoreValues } from './observations.js';

export interface FrontMember {
  readonly trial: TrialRecord;
  /** Raw values in objective order. */
  readonly values: readonly number[];
  /** Values turned to minimisation. */
  readonly objectives: readonly number[];
}

/** Per objective, in minimisation space: the values mapped to 0 and to 1. Reference point is (1, …, 1). */
export interface HypervolumeBasis {
  readonly ideal: readonly number[];
  readonly nadir: readonly number[];
}

/** Complete, feasible trials that no other such trial dominates (every copy of a tied point is kept). */
export function frontOf(trials: readonly TrialRecord[], objectives: readonly ObjectiveSpec[]): FrontMember[] {
  const feasible = feasibleMembers(trials, objectives);
  const indices = paretoFrontIndices(feasible.map((member) => [...member.objectives]));
  return indices.map((index) => feasible[index] as FrontMember);
}

export function feasibleMembers(trials: readonly TrialRecord[], objectives: readonly ObjectiveSpec[]): FrontMember[] {
  const members: FrontMember[] = [];
  for (const trial of trials) {
    if (trial.state !== 'complete' || trial.values === null) continue;
    const scored = scoreValues(trial.values, objectives);
    if (typeof scored === 'string' || scored.violation > 0) continue;
    members.push({ trial, values: scored.values, objectives: scored.objectives });
  }
  return members;
}

/** The observed basis: per objective, min and max over all complete trials (minimisation space). */
export function observedBasis(trials: readonly TrialRecord[], objectives: readonly ObjectiveSpec[]): HypervolumeBasis | null {
  const ideal = objectives.map(() => Number.POSITIVE_INFINITY);
  const nadir = objectives.map(() => Number.NEGATIVE_INFINITY);
  let any = false;
  for (const trial of trials) {
    if (trial.state !== 'complete' || trial.values === null) continue;
    const scored = scoreValues(trial.values, objectives);
    if (typeof scored === 'string') continue;
    any = true;
    scored.objectives.forEach((value, i) => {
      ideal[i] = Math.min(ideal[i] as number, value);
      nadir[i] = Math.max(nadir[i] as number, value);
    });
  }
  return any ? { ideal, nadir } : null;
}

export function normalizePoint(objectives: readonly number[], basis: HypervolumeBasis): number[] {
  return objectives.map((value, i) => {
    const low = basis.ideal[i] as number;
    const span = (basis.nadir[i] as number) - low;
    return span > 0 ? (value - low) / span : 0;
  });
}

/** Hypervolume of the front in the basis (given, or observed over the trials), reference point all ones. */
export function normalizedHypervolume(
  front: readonly FrontMember[],
  trials: readonly TrialRecord[],
  objectives: readonly ObjectiveSpec[],
  basis?: HypervolumeBasis,
): number {
  const used = basis ?? observedBasis(trials, objectives);
  if (used === null || front.length === 0) return 0;
  const points = front.map((member) => normalizePoint(member.objectives, used));
  return hypervolume(points, objectives.map(() => 1));
}
