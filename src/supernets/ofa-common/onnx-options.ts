// Checks of ONNX build options shared by the OFA families.

import { badInput } from '../../core/errors.js';

export function checkBatchSize(batchSize: number): number {
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 4096) {
    throw badInput('batchSize', `${batchSize} is not a valid batch size`, 'give an integer from 1 to 4096');
  }
  return batchSize;
}

export function checkSeed(seed: number | undefined): number {
  if (seed === undefined) return 0;
  if (!Number.isSafeInteger(seed)) throw badInput('seed', `${seed} is not an integer seed`, 'give a whole number, e.g. 0');
  return seed;
}
