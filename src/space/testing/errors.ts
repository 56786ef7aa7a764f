// Catches the CarveError an action throws, so tests can check its code, field, message and hint.

import { isCarveError, type CarveError } from '../../core/errors.js';

export function errorOf(action: () => unknown): CarveError {
  try {
    action();
  } catch (error) {
    if (isCarveError(error)) return error;
    throw error;
  }
  throw new Error('expected a CarveError, but nothing was thrown');
}

export async function asyncErrorOf(action: () => Promise<unknown>): Promise<CarveError> {
  try {
    await action();
  } catch (error) {
    if (isCarveError(error)) return error;
    throw error;
  }
  throw new Error('expected a CarveError, but nothing was thrown');
}
