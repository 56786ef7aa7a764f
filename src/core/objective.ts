// Objectives: name, direction, unit, optional hard bound, and the direction-aware conversion to minimisation.

import { badInput } from './errors.js';

export type Direction = 'minimize' | 'maximize';

export interface Bound {
  readonly op: '<=' | '>=';
  readonly value: number;
}

export interface ObjectiveSpec {
  readonly name: string;
  readonly direction: Direction;
  readonly unit: string;
  /** Hard constraint: a trial violating it is infeasible and never enters the front. */
  readonly bound?: Bound;
  /** Relative cost of obtaining this objective (1 = a full validation); cheap objectives may be queried alone. */
  readonly cost?: number;
}

/** Value turned to the minimisation convention. */
export function toMinimization(value: number, direction: Direction): number {
  return direction === 'maximize' ? -value : value;
}

/** How far a value is outside its bound (0 when inside or when there is no bound). */
export function boundViolation(value: number, bound: Bound | undefined): number {
  if (bound === undefined) return 0;
  if (bound.op === '<=') return value <= bound.value ? 0 : value - bound.value;
  return value >= bound.value ? 0 : bound.value - value;
}

const BOUND_PATTERN = /^\s*([A-Za-z_][A-Za-z0-9_.]*)\s*(<=|>=)\s*(-?[0-9]+(?:\.[0-9]+)?(?:e-?[0-9]+)?)\s*$/;

/** Parses `latency_ms <= 20` into a name and a bound; `field` names the input for error messages. */
export function parseConstraint(text: string, field = 'constraint'): { name: string; bound: Bound } {
  const match = BOUND_PATTERN.exec(text);
  if (match === null) {
    throw badInput(field, `cannot read constraint "${text}"`, 'write it as NAME<=VALUE or NAME>=VALUE, e.g. latency_ms<=20');
  }
  const [, name, op, value] = match;
  return { name: name as string, bound: { op: op as '<=' | '>=', value: Number(value) } };
}

export function describeBound(name: string, bound: Bound): string {
  return `${name} ${bound.op} ${bound.value}`;
}
