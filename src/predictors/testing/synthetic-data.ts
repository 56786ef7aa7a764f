// Seeded synthetic data sets for predictor tests: one-hot genomes, linear and non-linear targets.

import type { Rng } from '../../core/rng.js';

export interface Dataset {
  readonly features: Float64Array[];
  readonly targets: number[];
}

/** Rows of `genes` one-hot blocks of `choices` columns each, one active column per block. */
export function randomOneHot(rng: Rng, rows: number, genes: number, choices: number): Float64Array[] {
  return Array.from({ length: rows }, () => {
    const row = new Float64Array(genes * choices);
    for (let gene = 0; gene < genes; gene += 1) row[gene * choices + rng.int(choices)] = 1;
    return row;
  });
}

/** Rows of uniform values in [low, high). */
export function randomUniform(rng: Rng, rows: number, columns: number, low = 0, high = 1): Float64Array[] {
  return Array.from({ length: rows }, () => Float64Array.from({ length: columns }, () => low + (high - low) * rng.next()));
}

export function linearTargets(features: readonly Float64Array[], weights: readonly number[], intercept: number): number[] {
  return features.map((row) => row.reduce((sum, value, column) => sum + value * (weights[column] as number), intercept));
}

/** Random weights in [-1, 1). */
export function randomWeights(rng: Rng, count: number): number[] {
  return Array.from({ length: count }, () => 2 * rng.next() - 1);
}
