// The errors every TrialStore backend raises, worded the same whichever database is behind it.

import { CarveError, isCarveError } from '../core/errors.js';

export function duplicateKeys(keys: readonly string[], where: string): CarveError {
  const shown = keys.slice(0, 5).map((key) => `"${key}"`).join(', ');
  const more = keys.length > 5 ? ` and ${keys.length - 5} more` : '';
  return new CarveError('CONFLICT', `trial keys ${where}: ${shown}${more}; no trial was added`, {
    field: 'key',
    hint: 'deduplicate candidates against the study (listTrials) before adding them',
  });
}

export function studyNotFound(studyId: number): CarveError {
  return new CarveError('NOT_FOUND', `no study with id ${studyId}`, {
    field: 'studyId',
    hint: 'look the study up by name (getStudy) to get its id',
  });
}

export function trialsNotFound(studyId: number, numbers: readonly number[]): CarveError {
  return new CarveError('NOT_FOUND', `study ${studyId} has no trial number ${numbers.join(', ')}`, {
    field: 'number',
    hint: 'use numbers returned by addTrials, claimTrials or listTrials',
  });
}

export function trialsFinished(studyId: number, numbers: readonly number[], action: string): CarveError {
  return new CarveError(
    'CONFLICT',
    `cannot ${action} trial ${numbers.join(', ')} of study ${studyId}: already complete or failed`,
    { field: 'number', hint: 'finished trials are immutable; add a new trial to evaluate a candidate again' },
  );
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Wraps a driver error as STORAGE (CarveErrors pass through untouched), naming the operation and the store so
 * the message is useful without a stack trace.
 */
export function storageFailure(operation: string, location: string, error: unknown, hint?: string): CarveError {
  if (isCarveError(error)) return error;
  return new CarveError('STORAGE', `${operation} failed on ${location}: ${messageOf(error)}`, {
    cause: error,
    ...(hint === undefined ? {} : { hint }),
  });
}
