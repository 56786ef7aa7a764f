// Checks and encodes what callers hand to a TrialStore, so every backend accepts and rejects the same inputs.

import { CarveError, badInput } from '../core/errors.js';
import { duplicateKeys, messageOf } from './store-errors.js';
import type { NewMeasurement, NewTrial, TrialState } from './types.js';

export const TRIAL_STATES: readonly TrialState[] = ['queued', 'running', 'complete', 'failed'];

/** States a trial can still leave; complete and failed trials are immutable. */
export const OPEN_STATES: readonly TrialState[] = ['queued', 'running'];

/** JSON text for a JSON column; `undefined` becomes null so the column is never empty. */
export function encodeJson(field: string, value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value === undefined ? null : value);
  } catch (error) {
    throw new CarveError('BAD_INPUT', `${field} cannot be stored as JSON: ${messageOf(error)}`, {
      field,
      hint: 'pass plain objects, arrays, strings, finite numbers and booleans only',
      cause: error,
    });
  }
  // JSON.stringify returns undefined for functions and symbols.
  return text ?? 'null';
}

/**
 * JSON text for an objective-values record. Non-finite numbers are refused because JSON has no spelling for
 * them (they would silently come back as null); an evaluator that cannot measure a candidate reports a failure.
 */
export function encodeValues(field: string, values: Readonly<Record<string, number>>): string {
  if (values === null || typeof values !== 'object' || Array.isArray(values)) {
    throw badInput(field, 'values must be an object of objective name to number', 'pass e.g. { latency_ms: 12.5 }');
  }
  for (const [name, value] of Object.entries(values)) {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw badInput(
        `${field}.${name}`,
        `value ${String(value)} is not a finite number`,
        'record the trial as failed (failTrial) instead of storing a non-finite value',
      );
    }
  }
  return JSON.stringify(values);
}

export function checkName(field: string, name: string): void {
  if (typeof name !== 'string' || name.trim() === '') {
    throw badInput(field, 'must be a non-empty string', `give a ${field} such as "ofa-mbv3-cpu"`);
  }
}

/** A study id or trial number: a non-negative safe integer. */
export function checkIndex(field: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw badInput(field, `${String(value)} is not a non-negative integer`, `pass the ${field} as stored`);
  }
}

export function checkLimit(limit: number): void {
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw badInput('limit', `${String(limit)} is not a non-negative integer`, 'ask for 1 or more trials');
  }
}

/** A lease length in milliseconds: a finite number, 0 or more. */
export function checkLease(leaseMs: number): void {
  if (typeof leaseMs !== 'number' || !Number.isFinite(leaseMs) || leaseMs < 0) {
    throw badInput('leaseMs', `${String(leaseMs)} is not a non-negative number of milliseconds`, 'give the lease in ms, e.g. 60000');
  }
}

/** Distinct trial numbers in ascending order (ascending so row locks are always taken in the same order). */
export function normaliseNumbers(numbers: readonly number[]): number[] {
  for (const number of numbers) checkIndex('number', number);
  return [...new Set(numbers)].sort((left, right) => left - right);
}

export function checkStates(states: readonly TrialState[]): void {
  for (const state of states) {
    if (!TRIAL_STATES.includes(state)) {
      throw badInput('states', `unknown trial state "${String(state)}"`, `use ${TRIAL_STATES.join(', ')}`);
    }
  }
}

export interface EncodedTrial {
  readonly key: string;
  readonly genome: string;
  readonly config: string;
  readonly batch: number;
}

/** Validates and encodes new trials; a key repeated within the call is CONFLICT, like a key already stored. */
export function encodeNewTrials(trials: readonly NewTrial[]): EncodedTrial[] {
  const seen = new Set<string>();
  const repeated: string[] = [];
  const encoded = trials.map((trial, index) => {
    checkName(`trials[${index}].key`, trial.key);
    if (!Array.isArray(trial.genome) || trial.genome.some((gene) => typeof gene !== 'number' || !Number.isFinite(gene))) {
      throw badInput(`trials[${index}].genome`, 'must be an array of finite numbers', 'pass the canonical genome');
    }
    checkIndex(`trials[${index}].batch`, trial.batch);
    if (seen.has(trial.key)) repeated.push(trial.key);
    seen.add(trial.key);
    return {
      key: trial.key,
      genome: JSON.stringify(trial.genome),
      config: encodeJson(`trials[${index}].config`, trial.config),
      batch: trial.batch,
    };
  });
  if (repeated.length > 0) throw duplicateKeys(repeated, 'repeated within the same call');
  return encoded;
}

export interface EncodedMeasurement {
  readonly evaluator: string;
  readonly key: string;
  readonly values: string;
  readonly meta: string;
}

export function encodeMeasurement(measurement: NewMeasurement, field = 'measurement'): EncodedMeasurement {
  checkName(`${field}.evaluator`, measurement.evaluator);
  checkName(`${field}.key`, measurement.key);
  return {
    evaluator: measurement.evaluator,
    key: measurement.key,
    values: encodeValues(`${field}.values`, measurement.values),
    meta: encodeJson(`${field}.meta`, measurement.meta),
  };
}
