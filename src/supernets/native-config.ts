// Checked reading of native configs (parsed JSON): every failure names the field, e.g. `config.ks[3]`, and the fix.

import { badInput } from '../core/errors.js';

export function describeValue(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

export function readConfigObject(config: unknown, field = 'config', example = '{"ks": [...], "e": [...], "d": [...], "r": 224}'): Record<string, unknown> {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw badInput(field, `expected an object, got ${describeValue(config)}`, `pass a JSON object such as ${example}`);
  }
  return config as Record<string, unknown>;
}

/** A list of exactly `length` entries (entries are checked by the caller, which knows which are active). */
export function readList(config: Record<string, unknown>, key: string, length: number, field = `config.${key}`): unknown[] {
  const value = config[key];
  if (value === undefined) throw badInput(field, 'is missing', `give "${key}" as a list of ${length} numbers`);
  if (!Array.isArray(value)) throw badInput(field, `expected a list of ${length} numbers, got ${describeValue(value)}`, `give "${key}" as a JSON list`);
  if (value.length !== length) {
    throw badInput(field, `has ${value.length} entries but this super-network needs ${length}`, `give exactly ${length} entries (one per ${key === 'd' ? 'stage' : 'block'})`);
  }
  return value;
}

/** One entry that must be one of `choices` (numbers compared by value). */
export function readChoice(value: unknown, choices: readonly number[], field: string): number {
  if (typeof value !== 'number' || !choices.includes(value)) {
    throw badInput(field, `${describeValue(value)} is not a valid choice`, `use one of ${choices.join(', ')}`);
  }
  return value;
}
