// The carve evaluator protocol, version 1: message shapes, handshake checks and per-candidate result validation.

import type { Direction } from '../../core/objective.js';
import type { EvaluationResult } from '../types.js';
import { nonFiniteToken } from './lenient-json.js';

/** The protocol version this carve speaks; a handshake naming another version is refused. */
export const PROTOCOL_VERSION = 1;
export const SUPPORTED_PROTOCOLS: readonly number[] = [PROTOCOL_VERSION];

/** Device recorded when the handshake names none (accuracy usually does not depend on the device). */
export const UNSPECIFIED_DEVICE = 'any';

export interface DeclaredObjective {
  readonly name: string;
  readonly direction: Direction;
  readonly unit: string;
}

/** The first line an evaluator writes (or its GET /handshake answer), checked and normalised. */
export interface EvaluatorHandshake {
  readonly protocol: number;
  readonly objectives: readonly DeclaredObjective[];
  readonly device: string;
  readonly maxBatch: number | undefined;
  readonly name: string | undefined;
  readonly version: string | undefined;
  /** Free text identifying the helper library, e.g. "carve_evaluator.py/1.0.0". */
  readonly helper: string | undefined;
}

/** An objective the user expects the evaluator to provide; direction and unit are checked when given. */
export type ExpectedObjective = string | { readonly name: string; readonly direction?: Direction; readonly unit?: string };

/** What carve sends: one line (or one HTTP body) per request. */
export interface EvaluateRequest {
  readonly id: number;
  readonly type: 'evaluate';
  readonly candidates: readonly { readonly key: string; readonly config: unknown }[];
}

/** One answer line (or HTTP body), before the per-candidate results are checked. */
export interface ResponseMessage {
  readonly id: number;
  readonly results: readonly unknown[];
  /** True when more lines for the same request follow. */
  readonly more: boolean;
  /** A failure of the whole request (every candidate in it fails with this message). */
  readonly error: { readonly message: string; readonly retryable: boolean } | null;
}

const OBJECTIVE_NAME = /^[A-Za-z_][A-Za-z0-9_.]*$/;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Short, log-safe rendering of an arbitrary value. */
export function preview(value: unknown, maxChars = 80): string {
  let text: string;
  if (typeof value === 'string') {
    const token = nonFiniteToken(value);
    text = token ?? JSON.stringify(value);
  } else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > maxChars ? `${text.slice(0, maxChars)}…` : text;
}

/** True for a JSON object that claims to be a handshake (whether or not it is a valid one). */
export function looksLikeHandshake(value: unknown): boolean {
  return isPlainObject(value) && value['carve'] === 'evaluator';
}

export type HandshakeCheck = { readonly ok: true; readonly handshake: EvaluatorHandshake } | { readonly ok: false; readonly reason: string };

/** Checks a handshake object; the reason names the bad field and what is expected. */
export function parseHandshake(value: unknown): HandshakeCheck {
  if (!isPlainObject(value) || value['carve'] !== 'evaluator') {
    return { ok: false, reason: 'the handshake must be a JSON object with "carve": "evaluator"' };
  }
  const protocol = value['protocol'];
  if (typeof protocol !== 'number' || !Number.isInteger(protocol)) {
    return { ok: false, reason: `handshake field "protocol" must be an integer, got ${preview(protocol)}` };
  }
  if (!SUPPORTED_PROTOCOLS.includes(protocol)) {
    return {
      ok: false,
      reason: `the evaluator speaks protocol ${protocol} but this carve speaks ${SUPPORTED_PROTOCOLS.join(', ')}; use a helper and carve of matching versions`,
    };
  }
  const objectives = parseDeclaredObjectives(value['objectives']);
  if (typeof objectives === 'string') return { ok: false, reason: objectives };
  const device = value['device'] ?? null;
  if (device !== null && (typeof device !== 'string' || device.trim() === '')) {
    return { ok: false, reason: `handshake field "device" must be a non-empty string, got ${preview(device)}` };
  }
  const maxBatch = value['max_batch'] ?? null;
  if (maxBatch !== null && (typeof maxBatch !== 'number' || !Number.isInteger(maxBatch) || maxBatch < 1)) {
    return { ok: false, reason: `handshake field "max_batch" must be a positive integer, got ${preview(maxBatch)}` };
  }
  const texts: Record<'name' | 'version' | 'helper', string | undefined> = { name: undefined, version: undefined, helper: undefined };
  for (const field of ['name', 'version', 'helper'] as const) {
    const text = value[field] ?? null;
    if (text === null) continue;
    if (typeof text !== 'string' && typeof text !== 'number') {
      return { ok: false, reason: `handshake field "${field}" must be a string, got ${preview(text)}` };
    }
    texts[field] = String(text);
  }
  return {
    ok: true,
    handshake: {
      protocol,
      objectives,
      device: device ?? UNSPECIFIED_DEVICE,
      maxBatch: maxBatch ?? undefined,
      name: texts.name,
      version: texts.version,
      helper: texts.helper,
    },
  };
}

function parseDeclaredObjectives(value: unknown): DeclaredObjective[] | string {
  if (!Array.isArray(value) || value.length === 0) {
    return `handshake field "objectives" must be a non-empty list of {"name", "direction", "unit"}, got ${preview(value)}`;
  }
  const objectives: DeclaredObjective[] = [];
  const seen = new Set<string>();
  for (const [index, item] of value.entries()) {
    const where = `handshake objectives[${index}]`;
    if (!isPlainObject(item)) return `${where} must be an object {"name", "direction", "unit"}, got ${preview(item)}`;
    const name = item['name'];
    if (typeof name !== 'string' || !OBJECTIVE_NAME.test(name)) {
      return `${where}.name must be an identifier such as "accuracy" or "latency_ms", got ${preview(name)}`;
    }
    if (seen.has(name)) return `${where}: objective "${name}" is declared twice`;
    seen.add(name);
    const direction = item['direction'];
    if (direction !== 'minimize' && direction !== 'maximize') {
      return `${where}.direction must be "minimize" or "maximize", got ${preview(direction)}`;
    }
    const unit = item['unit'] ?? '';
    if (typeof unit !== 'string') return `${where}.unit must be a string, got ${preview(unit)}`;
    objectives.push({ name, direction, unit });
  }
  return objectives;
}

/** Null when the handshake provides every expected objective (with the expected direction and unit, if given). */
export function checkExpectedObjectives(declared: readonly DeclaredObjective[], expected: readonly ExpectedObjective[]): string | null {
  const names = declared.map((objective) => objective.name).join(', ');
  for (const item of expected) {
    const wanted = typeof item === 'string' ? { name: item } : item;
    const found = declared.find((objective) => objective.name === wanted.name);
    if (found === undefined) {
      return `the evaluator does not provide objective "${wanted.name}" (its handshake declares: ${names})`;
    }
    if (wanted.direction !== undefined && wanted.direction !== found.direction) {
      return `the evaluator declares objective "${found.name}" as ${found.direction}, but ${wanted.direction} was expected`;
    }
    if (wanted.unit !== undefined && wanted.unit !== found.unit) {
      return `the evaluator declares objective "${found.name}" in unit "${found.unit}", but "${wanted.unit}" was expected`;
    }
  }
  return null;
}

/** Null when a restarted process declares the same thing as the first one did. */
export function checkSameHandshake(first: EvaluatorHandshake, again: EvaluatorHandshake): string | null {
  const describe = (handshake: EvaluatorHandshake): string =>
    JSON.stringify({ protocol: handshake.protocol, objectives: handshake.objectives, device: handshake.device });
  if (describe(first) === describe(again)) return null;
  return `the restarted evaluator declared ${describe(again)} but the first one declared ${describe(first)}`;
}

/** Parses an answer; null when the value is not a protocol answer at all (e.g. a stray JSON print). */
export function parseResponse(value: unknown): ResponseMessage | null {
  if (!isPlainObject(value)) return null;
  const id = value['id'];
  if (typeof id !== 'number' || !Number.isInteger(id)) return null;
  const rawError = value['error'];
  if (rawError !== undefined && rawError !== null) {
    return {
      id,
      results: [],
      more: false,
      error: { message: typeof rawError === 'string' ? rawError : preview(rawError, 500), retryable: value['retryable'] === true },
    };
  }
  const results = value['results'];
  if (!Array.isArray(results)) return null;
  return { id, results, more: value['more'] === true, error: null };
}

/** The candidate key a raw result names, or null when it has none. */
export function resultKey(raw: unknown): string | null {
  return isPlainObject(raw) && typeof raw['key'] === 'string' ? raw['key'] : null;
}

/** Turns one raw result into the candidate's EvaluationResult, failing it with a clear reason when it is invalid. */
export function interpretResult(raw: unknown, objectives: readonly DeclaredObjective[]): EvaluationResult {
  if (!isPlainObject(raw)) return { ok: false, reason: `the evaluator's result is not an object: ${preview(raw)}`, retryable: false };
  const error = raw['error'];
  if (error !== undefined && error !== null) {
    const message = typeof error === 'string' ? error : preview(error, 2000);
    return { ok: false, reason: `evaluator error: ${message}`, retryable: raw['retryable'] === true };
  }
  const checked = checkValues(raw['values'], objectives);
  if (typeof checked === 'string') return { ok: false, reason: checked, retryable: false };
  const meta = raw['meta'];
  return isPlainObject(meta) ? { ok: true, values: checked, meta } : { ok: true, values: checked };
}

/** Every declared objective present as a finite number, nothing undeclared; otherwise the reason. */
export function checkValues(values: unknown, objectives: readonly DeclaredObjective[]): Record<string, number> | string {
  if (!isPlainObject(values)) {
    return `the result has no "values" object (got ${preview(values)}); return {"key": …, "values": {"objective": number}} or {"key": …, "error": "…"}`;
  }
  const declared = new Set(objectives.map((objective) => objective.name));
  for (const name of Object.keys(values)) {
    if (!declared.has(name)) {
      return `the result has objective "${name}" which the handshake did not declare (declared: ${[...declared].join(', ')})`;
    }
  }
  const checked: Record<string, number> = {};
  for (const { name } of objectives) {
    if (!(name in values)) return `objective "${name}" is missing from the result`;
    const value = values[name];
    const token = nonFiniteToken(value);
    if (token !== null) return `objective "${name}" is ${token}; only finite numbers are accepted`;
    if (typeof value !== 'number') {
      return `objective "${name}" is ${value === null ? 'null' : `a ${Array.isArray(value) ? 'list' : typeof value}`} (${preview(value)}), expected a number`;
    }
    checked[name] = value;
  }
  return checked;
}

/** Evaluator identity: measurements are cached under it, so it names the evaluation code's version and the device. */
export function externalEvaluatorId(name: string, version: string, device: string): string {
  return `external:${name}@${version}:${device}`;
}

const SCRIPT_EXTENSION = /\.(py|js|mjs|cjs|ts|sh|rb|pl|jl|r)$/i;

/**
 * A readable name from a command line: the script's base name without extension (my_eval for
 * python3 my_eval.py --gpu 0), the module for python3 -m pkg.eval, else the program's base name.
 */
export function nameFromCommand(command: readonly string[]): string {
  const baseName = (part: string): string => part.split(/[\\/]/).pop() ?? part;
  const script = command.slice(1).find((part) => !part.startsWith('-') && SCRIPT_EXTENSION.test(part));
  const moduleIndex = command.indexOf('-m');
  let name: string;
  if (script !== undefined) name = baseName(script).replace(SCRIPT_EXTENSION, '');
  else if (moduleIndex > 0 && command[moduleIndex + 1] !== undefined) name = command[moduleIndex + 1] as string;
  else name = baseName(command[0] ?? '').replace(/\.exe$/i, '');
  const cleaned = name.replace(/[^A-Za-z0-9_.-]+/g, '_');
  return cleaned === '' ? 'evaluator' : cleaned;
}

/** A candidate ready to send: its key and its config already serialised (see configJson). */
export interface EncodedCandidate {
  readonly key: string;
  readonly configJson: string;
}

/** The request line / body; configs are spliced in as already-checked JSON text. */
export function encodeRequest(id: number, candidates: readonly EncodedCandidate[]): string {
  const items = candidates.map((candidate) => `{"key":${JSON.stringify(candidate.key)},"config":${candidate.configJson}}`);
  return `{"id":${id},"type":"evaluate","candidates":[${items.join(',')}]}`;
}

/** The config as JSON text, or the reason it cannot be sent (functions, cycles, BigInt, non-finite numbers). */
export function configJson(config: unknown): { readonly ok: true; readonly json: string } | { readonly ok: false; readonly reason: string } {
  try {
    const json = JSON.stringify(config === undefined ? null : config, (_key, value: unknown) => {
      if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`it holds the non-finite number ${value}`);
      if (typeof value === 'function' || typeof value === 'symbol') throw new Error(`it holds a ${typeof value}`);
      return value;
    });
    return { ok: true, json };
  } catch (error) {
    return { ok: false, reason: `the candidate's config cannot be sent as JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}
