// The one place where errors become exit codes and messages: 0 ok, 2 bad input, 1 failure.

import { CommanderError } from 'commander';
import { isCarveError } from '../core/errors.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;

export function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT_OK;
    return EXIT_BAD_INPUT;
  }
  if (isCarveError(error)) {
    return error.code === 'BAD_INPUT' || error.code === 'NOT_FOUND' || error.code === 'CONFLICT' ? EXIT_BAD_INPUT : EXIT_FAILURE;
  }
  return EXIT_FAILURE;
}

export function messageFor(error: unknown): string | null {
  if (error instanceof CommanderError) return null; // commander already printed its message
  if (isCarveError(error)) return `carve: error: ${error.describe()}`;
  if (error instanceof Error) return `carve: unexpected failure: ${error.stack ?? error.message}`;
  return `carve: unexpected failure: ${String(error)}`;
}
