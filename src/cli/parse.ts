// Checked conversion of option strings: every failure names the flag and the fix.

import { badInput } from '../core/errors.js';

export function parseInteger(text: string | number, field: string, options: { min?: number; max?: number } = {}): number {
  const value = typeof text === 'number' ? text : /^[+-]?\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!Number.isSafeInteger(value)) {
    throw badInput(field, `expected an integer, got "${String(text)}"`, `give a whole number, e.g. ${field} ${options.min ?? 0}`);
  }
  if (options.min !== undefined && value < options.min) {
    throw badInput(field, `must be at least ${options.min}, got ${value}`, `give a value >= ${options.min}`);
  }
  if (options.max !== undefined && value > options.max) {
    throw badInput(field, `must be at most ${options.max}, got ${value}`, `give a value <= ${options.max}`);
  }
  return value;
}

export function parseList(text: string | readonly string[] | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const parts = typeof text === 'string' ? text.split(',') : [...text];
  const list = parts.map((part) => part.trim()).filter((part) => part.length > 0);
  return list.length === 0 ? undefined : list;
}

/** A duration in seconds (decimals allowed), e.g. `--lease 30` or `--idle-exit 0.5`. */
export function parseSeconds(text: string, field: string, options: { min?: number } = {}): number {
  const trimmed = text.trim();
  const value = /^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!Number.isFinite(value)) {
    throw badInput(field, `expected a number of seconds, got "${text}"`, `give seconds, e.g. ${field} 30`);
  }
  if (options.min !== undefined && value < options.min) {
    throw badInput(field, `must be at least ${options.min} s, got ${value}`, `give a value >= ${options.min}`);
  }
  return value;
}
