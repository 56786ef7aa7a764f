// A predictor that sees only a range of the feature columns: lets one feature matrix carry several encodings
// (e.g. a space's own features beside the plain one-hot) and each model pick the encoding it is offered.

import { badInput } from '../../core/errors.js';
import type { PredictionWithUncertainty, Predictor, PredictorFactory } from '../types.js';

export interface ColumnRange {
  /** First column seen (inclusive). */
  readonly from: number;
  /** Column after the last one seen (exclusive). */
  readonly to: number;
}

export class ColumnViewPredictor implements Predictor {
  readonly name: string;
  private readonly inner: Predictor;
  private readonly range: ColumnRange;
  readonly predictWithUncertainty?: (features: readonly Float64Array[]) => PredictionWithUncertainty;

  constructor(inner: Predictor, range: ColumnRange, name = inner.name) {
    if (!Number.isInteger(range.from) || !Number.isInteger(range.to) || range.from < 0 || range.to <= range.from) {
      throw badInput('columns', `[${range.from}, ${range.to}) is not a column range`, 'give 0 <= from < to');
    }
    this.inner = inner;
    this.range = range;
    this.name = name;
    const withUncertainty = inner.predictWithUncertainty?.bind(inner);
    if (withUncertainty !== undefined) this.predictWithUncertainty = (features) => withUncertainty(this.view(features));
  }

  fit(features: readonly Float64Array[], targets: readonly number[]): void {
    this.inner.fit(this.view(features), targets);
  }

  predict(features: readonly Float64Array[]): Float64Array {
    return this.inner.predict(this.view(features));
  }

  /** The rows' columns in range, as views (no copies). */
  private view(features: readonly Float64Array[]): Float64Array[] {
    const { from, to } = this.range;
    return features.map((row, index) => {
      if (row.length < to) {
        throw badInput(`features[${index}]`, `has ${row.length} columns, the view needs ${to}`, 'encode every row with the same encoder');
      }
      return row.subarray(from, to);
    });
  }
}

/** A factory of `factory`'s predictors restricted to the columns in `range`. */
export function columnView(factory: PredictorFactory, range: ColumnRange, name?: string): PredictorFactory {
  return (rng) => {
    const inner = factory(rng);
    return new ColumnViewPredictor(inner, range, name ?? inner.name);
  };
}
