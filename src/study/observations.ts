// Turning stored trial values into what tactics and indicators consume: ordered, minimised, with violations.

import { boundViolation, toMinimization, type ObjectiveSpec } from '../core/objective.js';

export interface ScoredValues {
  readonly values: number[];
  readonly objectives: number[];
  readonly violation: number;
}

/**
 * Orders a trial's named values by the study's objectives, turns them to minimisation and totals the bound
 * violation. Returns a reason string when a value is missing or not finite.
 */
export function scoreValues(
  named: Readonly<Record<string, number>>,
  objectives: readonly ObjectiveSpec[],
): ScoredValues | string {
  const values: number[] = [];
  const minimised: number[] = [];
  let violation = 0;
  for (const objective of objectives) {
    const value = named[objective.name];
    if (value === undefined) return `missing objective "${objective.name}"`;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return `objective "${objective.name}" is not a finite number (${String(value)})`;
    }
    values.push(value);
    minimised.push(toMinimization(value, objective.direction));
    violation += boundViolation(value, objective.bound);
  }
  return { values, objectives: minimised, violation };
}
