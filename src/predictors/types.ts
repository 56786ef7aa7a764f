// The predictor contract: fit an objective on the features of evaluated candidates, predict it (and how sure) for others.

import type { Rng } from '../core/rng.js';

/** Posterior mean and standard deviation of the predicted objective, both in target units. */
export interface PredictionWithUncertainty {
  readonly mean: Float64Array;
  /** Spread of the predicted mean (model uncertainty), not the noise of one measurement. */
  readonly std: Float64Array;
}

export interface Predictor {
  readonly name: string;
  /** Replaces whatever was fitted before. Rows must all have the same width; targets are finite. */
  fit(features: readonly Float64Array[], targets: readonly number[]): void;
  /** One prediction per row; rows must have the width seen by `fit`. */
  predict(features: readonly Float64Array[]): Float64Array;
  predictWithUncertainty?(features: readonly Float64Array[]): PredictionWithUncertainty;
}

/** Builds a fresh, unfitted predictor; all of its randomness comes from `rng`. */
export type PredictorFactory = (rng: Rng) => Predictor;
