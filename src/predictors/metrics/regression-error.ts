// Error of predictions in target units.

import { badInput } from '../../core/errors.js';

/** Root mean squared difference; NaN for empty arrays. */
export function rmse(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  if (predicted.length !== actual.length) {
    throw badInput('values', `arrays differ in length (${predicted.length} and ${actual.length})`, 'pass one prediction per true value');
  }
  if (predicted.length === 0) return Number.NaN;
  let sum = 0;
  for (let index = 0; index < predicted.length; index += 1) {
    const difference = (predicted[index] as number) - (actual[index] as number);
    sum += difference * difference;
  }
  return Math.sqrt(sum / predicted.length);
}
