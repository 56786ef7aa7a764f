// The one error type of carve: a code, the offending field when there is one, and a hint saying how to fix it.

export type CarveErrorCode =
  | 'BAD_INPUT' // the user gave something invalid (exit code 2)
  | 'NOT_FOUND' // a named thing (study, problem, file) does not exist (exit code 2)
  | 'CONFLICT' // the request contradicts stored state, e.g. resuming a study with other settings (exit code 2)
  | 'STORAGE' // the trial store failed (exit code 1)
  | 'EVALUATION' // an evaluator failed in a way that is not a per-candidate failure (exit code 1)
  | 'INTERNAL'; // a bug (exit code 1)

export interface CarveErrorOptions {
  readonly field?: string;
  readonly hint?: string;
  readonly cause?: unknown;
}

export class CarveError extends Error {
  readonly code: CarveErrorCode;
  readonly field: string | undefined;
  readonly hint: string | undefined;

  constructor(code: CarveErrorCode, message: string, options: CarveErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CarveError';
    this.code = code;
    this.field = options.field;
    this.hint = options.hint;
  }

  /** Full human-readable text: field, message and fix. */
  describe(): string {
    const where = this.field === undefined ? '' : `${this.field}: `;
    const fix = this.hint === undefined ? '' : `\n  fix: ${this.hint}`;
    return `${where}${this.message}${fix}`;
  }
}

/** Shorthand for the most common error: invalid user input, naming the field and the fix. */
export function badInput(field: string, message: string, hint?: string): CarveError {
  return new CarveError('BAD_INPUT', message, hint === undefined ? { field } : { field, hint });
}

export function isCarveError(error: unknown): error is CarveError {
  return error instanceof CarveError;
}
