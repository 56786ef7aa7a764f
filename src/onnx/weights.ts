// Seeded random weights for graphs that exist to be timed or counted (values never matter beyond being finite).

import type { Rng } from '../core/rng.js';

/**
 * Fills `target` with uniform values in [-bound, bound]. A local xorshift stream seeded once from `rng`
 * keeps tens of millions of weights fast to generate while staying reproducible for a given seed.
 */
export function fillUniform(target: Float32Array, bound: number, rng: Rng): Float32Array {
  let state = (rng.int(0x7fffffff) + 1) >>> 0;
  const scale = (2 * bound) / 4294967296;
  for (let index = 0; index < target.length; index += 1) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    target[index] = state * scale - bound;
  }
  return target;
}

export function uniformWeights(count: number, bound: number, rng: Rng): Float32Array {
  return fillUniform(new Float32Array(count), bound, rng);
}

/** Values centred on `center` with spread `spread` (e.g. batch-norm scales around 1). */
export function jitteredValues(count: number, center: number, spread: number, rng: Rng): Float32Array {
  const values = uniformWeights(count, spread, rng);
  for (let index = 0; index < count; index += 1) values[index] = (values[index] as number) + center;
  return values;
}
