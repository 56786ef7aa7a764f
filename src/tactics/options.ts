// Tactic options from a study's settings: defaults filled in, unknown names and wrong types refused by name.

import { badInput } from '../core/errors.js';

export function readTacticOptions<T extends object>(tactic: string, defaults: T, given: Readonly<Record<string, unknown>>): T {
  const result: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  for (const [name, value] of Object.entries(given)) {
    if (!(name in defaults)) {
      throw badInput(`tacticOptions.${name}`, `tactic ${tactic} has no option "${name}"`, `its options are: ${Object.keys(defaults).join(', ')}`);
    }
    const expected = (defaults as Record<string, unknown>)[name];
    const sameKind = Array.isArray(expected) ? Array.isArray(value) : typeof value === typeof expected;
    if (!sameKind || (typeof value === 'number' && !Number.isFinite(value))) {
      throw badInput(`tacticOptions.${name}`, `expected ${Array.isArray(expected) ? 'a list' : typeof expected}, got ${JSON.stringify(value)}`);
    }
    result[name] = value;
  }
  return result as T;
}
