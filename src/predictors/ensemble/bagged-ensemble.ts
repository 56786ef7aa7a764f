// Bagging: members of one model family fitted on bootstrap samples; their spread is the uncertainty.

import type { Rng } from '../../core/rng.js';
import { CarveError } from '../../core/errors.js';
import { notFittedError, packTrainingData } from '../common/dataset.js';
import { checkOptionKeys, numberOption } from '../common/options.js';
import { bootstrapIndices } from '../common/random.js';
import type { PredictionWithUncertainty, Predictor, PredictorFactory } from '../types.js';

export interface BaggedEnsembleOptions {
  /** Number of members; default 8. */
  readonly members?: number;
}

export const BAGGED_ENSEMBLE_OPTION_KEYS: readonly string[] = ['members'];

export class BaggedEnsemblePredictor implements Predictor {
  readonly name: string;
  private readonly factory: PredictorFactory;
  private readonly rng: Rng;
  private readonly memberCount: number;
  private members: Predictor[] = [];

  constructor(factory: PredictorFactory, rng: Rng, options: BaggedEnsembleOptions = {}) {
    if (typeof factory !== 'function') {
      throw badFactory();
    }
    const record = checkOptionKeys('bagged', options, BAGGED_ENSEMBLE_OPTION_KEYS);
    this.factory = factory;
    this.rng = rng;
    this.memberCount = numberOption('bagged', 'members', record['members'], 8, { min: 2, max: 1000, integer: true });
    // The member name is only known from an instance; building one costs nothing until it is fitted.
    this.name = `bagged-${factory(rng.fork()).name}`;
  }

  fit(features: readonly Float64Array[], targets: readonly number[]): void {
    packTrainingData(features, targets);
    const n = features.length;
    const members: Predictor[] = [];
    for (let member = 0; member < this.memberCount; member += 1) {
      const sample = bootstrapIndices(n, n, this.rng);
      const predictor = this.factory(this.rng.fork());
      predictor.fit(
        Array.from(sample, (row) => features[row] as Float64Array),
        Array.from(sample, (row) => targets[row] as number),
      );
      members.push(predictor);
    }
    this.members = members;
  }

  predict(features: readonly Float64Array[]): Float64Array {
    return this.predictWithUncertainty(features).mean;
  }

  /** Mean of the members' predictions and their sample standard deviation. */
  predictWithUncertainty(features: readonly Float64Array[]): PredictionWithUncertainty {
    if (this.members.length === 0) throw notFittedError(this.name);
    const count = features.length;
    const sum = new Float64Array(count);
    const sumSquares = new Float64Array(count);
    const predictions = this.members.map((member) => member.predict(features));
    for (const prediction of predictions) {
      for (let row = 0; row < count; row += 1) sum[row] = (sum[row] as number) + (prediction[row] as number);
    }
    const mean = Float64Array.from(sum, (value) => value / predictions.length);
    for (const prediction of predictions) {
      for (let row = 0; row < count; row += 1) {
        sumSquares[row] = (sumSquares[row] as number) + ((prediction[row] as number) - (mean[row] as number)) ** 2;
      }
    }
    const std = Float64Array.from(sumSquares, (value) => Math.sqrt(value / (predictions.length - 1)));
    return { mean, std };
  }
}

function badFactory(): CarveError {
  return new CarveError('BAD_INPUT', 'a bagged ensemble needs a predictor factory', {
    field: 'bagged.factory',
    hint: 'pass (rng) => new SomePredictor(rng, options)',
  });
}

/** A factory of bagged ensembles over `factory`. */
export function baggedEnsemble(factory: PredictorFactory, options: BaggedEnsembleOptions = {}): PredictorFactory {
  return (rng) => new BaggedEnsemblePredictor(factory, rng, options);
}
