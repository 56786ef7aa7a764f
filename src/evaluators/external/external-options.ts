// Options shared by the process and HTTP evaluators: identity, expected objectives, timeouts, and their checks.

import { badInput } from '../../core/errors.js';
import type { ExternalLog } from './evaluator-child.js';
import { type DeclaredObjective, type EvaluatorHandshake, type ExpectedObjective, UNSPECIFIED_DEVICE, checkExpectedObjectives } from './protocol.js';

export interface ExternalEvaluatorOptions {
  /** Name in the evaluator id (default: the handshake's name, else derived from the command or URL). */
  readonly name?: string;
  /**
   * Version in the evaluator id (default: the handshake's version, else "0"). Measurements are cached under the
   * id, so change it whenever the evaluation itself changes (weights, dataset, code).
   */
  readonly version?: string;
  /** Objectives the user expects; the handshake must declare each (with the same direction and unit when given). */
  readonly objectives?: readonly ExpectedObjective[];
  /** Receives the evaluator's stderr lines, stray stdout lines and carve's notes (restarts, timeouts). */
  readonly onLog?: ExternalLog;
  /** How long the evaluator may take to become ready (process: handshake line; HTTP: GET /handshake). */
  readonly handshakeTimeoutMs?: number;
  /** Fixed part of a request's time limit. */
  readonly requestTimeoutMs?: number;
  /** Added to a request's time limit per candidate in it. */
  readonly candidateTimeoutMs?: number;
}

/** The identity a deferred evaluator commits to before its handshake: the study needs id and objectives up front. */
export interface DeferredIdentity {
  readonly objectives: readonly ExpectedObjective[];
  /** Device of the id; the handshake must declare the same device (or none). */
  readonly device: string;
}

export const DEFAULT_HANDSHAKE_TIMEOUT_MS = 120_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
export const DEFAULT_CANDIDATE_TIMEOUT_MS = 600_000;
export const DEFAULT_VERSION = '0';

/** A duration option: absent gives the default, otherwise a finite number >= minimum. */
export function durationOption(field: string, value: number | undefined, fallback: number, minimum = 0): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < minimum) {
    throw badInput(field, `${field} must be a number of milliseconds >= ${minimum}, got ${String(value)}`);
  }
  return value;
}

/** A count option: absent gives the default, otherwise an integer >= minimum. */
export function countOption(field: string, value: number | undefined, fallback: number, minimum: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < minimum) throw badInput(field, `${field} must be an integer >= ${minimum}, got ${String(value)}`);
  return value;
}

export function checkCommonOptions(options: ExternalEvaluatorOptions): void {
  for (const field of ['name', 'version'] as const) {
    const value = options[field];
    if (value !== undefined && (typeof value !== 'string' || value.trim() === '' || /[\s:@]/.test(value))) {
      throw badInput(field, `${field} must be a non-empty string without spaces, ":" or "@", got ${JSON.stringify(value)}`);
    }
  }
  if (options.objectives !== undefined) {
    for (const item of options.objectives) {
      const name = typeof item === 'string' ? item : item.name;
      if (typeof name !== 'string' || name.trim() === '') throw badInput('objectives', 'an expected objective needs a name');
    }
  }
}

export function checkDeferredIdentity(identity: DeferredIdentity): void {
  if (identity.objectives.length === 0) {
    throw badInput('objectives', 'an evaluator started on first use must list the objectives it provides', 'pass objectives: ["accuracy"] (or start it eagerly)');
  }
  if (typeof identity.device !== 'string' || identity.device.trim() === '' || /\s/.test(identity.device)) {
    throw badInput('device', 'an evaluator started on first use must name its device (part of its id)', 'pass device: "cuda:0" or "cpu"');
  }
}

export function expectedNames(objectives: readonly ExpectedObjective[]): string[] {
  return objectives.map((item) => (typeof item === 'string' ? item : item.name));
}

/**
 * Null when the first handshake agrees with what the user declared: expected objectives, and for a deferred
 * evaluator the device and version its id already committed to.
 */
export function checkFirstHandshake(
  handshake: EvaluatorHandshake,
  options: ExternalEvaluatorOptions,
  deferred: DeferredIdentity | null,
): string | null {
  if (options.objectives !== undefined) {
    const problem = checkExpectedObjectives(handshake.objectives, options.objectives);
    if (problem !== null) return problem;
  }
  if (deferred === null) return null;
  if (handshake.device !== UNSPECIFIED_DEVICE && handshake.device !== deferred.device) {
    return `the evaluator reports device "${handshake.device}" but device "${deferred.device}" was declared for it`;
  }
  const version = options.version ?? DEFAULT_VERSION;
  if (options.version === undefined && handshake.version !== undefined && handshake.version !== version) {
    return `the evaluator reports version "${handshake.version}" but its id was fixed with version "${version}"; pass version "${handshake.version}"`;
  }
  return null;
}

/** The id parts of an evaluator known from its handshake (eager start). */
export function identityFromHandshake(
  handshake: EvaluatorHandshake,
  options: ExternalEvaluatorOptions,
  fallbackName: string,
): { name: string; version: string; device: string } {
  return {
    name: options.name ?? sanitize(handshake.name, /[\s:@]+/g) ?? fallbackName,
    version: options.version ?? sanitize(handshake.version, /[\s:@]+/g) ?? DEFAULT_VERSION,
    // The device is the id's last part, so "cuda:0" may keep its colon.
    device: sanitize(handshake.device, /\s+/g) ?? UNSPECIFIED_DEVICE,
  };
}

/** Handshake texts go into an id: characters that would make it ambiguous become "_". */
function sanitize(text: string | undefined, unsafe: RegExp): string | undefined {
  if (text === undefined) return undefined;
  const cleaned = text.trim().replace(unsafe, '_');
  return cleaned === '' ? undefined : cleaned;
}

export function declaredNames(objectives: readonly DeclaredObjective[]): string[] {
  return objectives.map((objective) => objective.name);
}
