// Reading predictor options given as untyped config: unknown keys and bad values fail as BAD_INPUT naming `model.key`.

import { badInput } from '../../core/errors.js';

/** Throws when `options` is not a plain object or has a key outside `allowed`. */
export function checkOptionKeys(owner: string, options: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw badInput(owner, `options must be an object, got ${JSON.stringify(options)}`, `give an object with some of: ${allowed.join(', ')}`);
  }
  const record = options as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!allowed.includes(key)) {
      throw badInput(`${owner}.${key}`, `unknown option "${key}" for the ${owner} predictor`, `use some of: ${allowed.join(', ')}`);
    }
  }
  return record;
}

export interface NumberRule {
  readonly min?: number;
  readonly max?: number;
  /** When true the value must be strictly above `min`. */
  readonly minExclusive?: boolean;
  readonly integer?: boolean;
}

function describeRule(rule: NumberRule): string {
  const bounds: string[] = [];
  if (rule.min !== undefined) bounds.push(`${rule.minExclusive === true ? '>' : '>='} ${rule.min}`);
  if (rule.max !== undefined) bounds.push(`<= ${rule.max}`);
  const kind = rule.integer === true ? 'an integer' : 'a number';
  return bounds.length === 0 ? kind : `${kind} ${bounds.join(' and ')}`;
}

/** `value` when given and valid, `fallback` when undefined. */
export function numberOption(owner: string, key: string, value: unknown, fallback: number, rule: NumberRule = {}): number {
  if (value === undefined) return fallback;
  const valid =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (rule.integer !== true || Number.isInteger(value)) &&
    (rule.min === undefined || (rule.minExclusive === true ? value > rule.min : value >= rule.min)) &&
    (rule.max === undefined || value <= rule.max);
  if (!valid) throw badInput(`${owner}.${key}`, `${JSON.stringify(value)} is not valid`, `use ${describeRule(rule)}`);
  return value;
}

/** One of `choices`, or `fallback` when undefined. */
export function choiceOption<T extends string>(owner: string, key: string, value: unknown, fallback: T, choices: readonly T[]): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    throw badInput(`${owner}.${key}`, `${JSON.stringify(value)} is not valid`, `use one of: ${choices.join(', ')}`);
  }
  return value as T;
}

/** Either the word `word` (e.g. 'auto') or a number obeying `rule`. */
export function numberOrWordOption<W extends string>(
  owner: string,
  key: string,
  value: unknown,
  fallback: number | W,
  word: W,
  rule: NumberRule = {},
): number | W {
  if (value === undefined) return fallback;
  if (value === word) return word;
  if (typeof value !== 'number') throw badInput(`${owner}.${key}`, `${JSON.stringify(value)} is not valid`, `use '${word}' or ${describeRule(rule)}`);
  return numberOption(owner, key, value, 0, rule);
}

export function booleanOption(owner: string, key: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw badInput(`${owner}.${key}`, `${JSON.stringify(value)} is not valid`, 'use true or false');
  return value;
}

/** A non-empty list of numbers each obeying `rule`. */
export function numberListOption(owner: string, key: string, value: unknown, fallback: readonly number[], rule: NumberRule = {}): number[] {
  if (value === undefined) return [...fallback];
  if (!Array.isArray(value) || value.length === 0) {
    throw badInput(`${owner}.${key}`, `${JSON.stringify(value)} is not valid`, `use a non-empty list, each ${describeRule(rule)}`);
  }
  return value.map((item, index) => numberOption(owner, `${key}[${index}]`, item, 0, rule));
}
