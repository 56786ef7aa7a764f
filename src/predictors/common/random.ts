// Seeded sampling helpers: normal draws, subsets without replacement, bootstrap indices, cross-validation folds.

import type { Rng } from '../../core/rng.js';

/** One standard normal draw (Box-Muller; the second value is discarded to keep the stream simple). */
export function normalDraw(rng: Rng): number {
  let uniform = rng.next();
  while (uniform <= 0) uniform = rng.next();
  return Math.sqrt(-2 * Math.log(uniform)) * Math.cos(2 * Math.PI * rng.next());
}

/** `count` distinct indices of [0, total), in draw order (partial Fisher-Yates). */
export function sampleWithoutReplacement(total: number, count: number, rng: Rng): Int32Array {
  const pool = new Int32Array(total);
  for (let index = 0; index < total; index += 1) pool[index] = index;
  const taken = Math.min(count, total);
  for (let index = 0; index < taken; index += 1) {
    const pick = index + rng.int(total - index);
    const swap = pool[index] as number;
    pool[index] = pool[pick] as number;
    pool[pick] = swap;
  }
  return pool.slice(0, taken);
}

/** `count` indices of [0, total) drawn with replacement. */
export function bootstrapIndices(total: number, count: number, rng: Rng): Int32Array {
  const indices = new Int32Array(count);
  for (let index = 0; index < count; index += 1) indices[index] = rng.int(total);
  return indices;
}

/** Fold number (0 .. folds-1) of each of `total` rows: a seeded shuffle dealt round-robin, so fold sizes differ by at most one. */
export function foldAssignments(total: number, folds: number, rng: Rng): Int32Array {
  const order = sampleWithoutReplacement(total, total, rng);
  const fold = new Int32Array(total);
  for (let position = 0; position < total; position += 1) fold[order[position] as number] = position % folds;
  return fold;
}
