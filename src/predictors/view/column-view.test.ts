import { describe, expect, it } from 'vitest';

import { createRng } from '../../core/rng.js';
import { GaussianProcessPredictor } from '../gp/index.js';
import { RidgePredictor } from '../ridge/index.js';
import { SvrPredictor } from '../svr/index.js';
import { ColumnViewPredictor, columnView } from './column-view.js';

/** Rows of [a, b | c, d]: the target is linear in the last two columns; the first two are noise. */
function data(count: number, seed: number): { features: Float64Array[]; targets: number[] } {
  const rng = createRng(seed);
  const features: Float64Array[] = [];
  const targets: number[] = [];
  for (let row = 0; row < count; row += 1) {
    const values = Float64Array.from({ length: 4 }, () => rng.next());
    features.push(values);
    targets.push(3 * (values[2] as number) - 2 * (values[3] as number) + 1);
  }
  return { features, targets };
}

describe('ColumnViewPredictor', () => {
  it('fits and predicts on its columns only: identical to the model fitted on those columns alone', () => {
    const { features, targets } = data(40, 1);
    const viewed = new ColumnViewPredictor(new RidgePredictor({ alpha: 0 }), { from: 2, to: 4 });
    viewed.fit(features, targets);
    const alone = new RidgePredictor({ alpha: 0 });
    alone.fit(features.map((row) => row.slice(2, 4)), targets);
    const fresh = data(10, 2).features;
    const expected = alone.predict(fresh.map((row) => row.slice(2, 4)));
    viewed.predict(fresh).forEach((value, row) => expect(value).toBeCloseTo(expected[row] as number, 10));
    // The exact linear law is recovered from the right columns.
    viewed.predict(fresh).forEach((value, row) => {
      const columns = fresh[row] as Float64Array;
      expect(value).toBeCloseTo(3 * (columns[2] as number) - 2 * (columns[3] as number) + 1, 6);
    });
  });

  it('sees nothing of the other columns: a law in columns 2-3 is invisible to a view of columns 0-1', () => {
    const { features, targets } = data(60, 3);
    const blind = new ColumnViewPredictor(new RidgePredictor(), { from: 0, to: 2 });
    blind.fit(features, targets);
    const fresh = data(30, 4);
    const errors = Array.from(blind.predict(fresh.features)).map((value, row) => Math.abs(value - (fresh.targets[row] as number)));
    expect(Math.max(...errors)).toBeGreaterThan(0.5);
  });

  it('keeps the inner model uncertainty when it has one, and none when it has not', () => {
    const { features, targets } = data(20, 5);
    const gp = new ColumnViewPredictor(new GaussianProcessPredictor(createRng(8)), { from: 2, to: 4 });
    gp.fit(features, targets);
    const prediction = gp.predictWithUncertainty?.(data(3, 6).features);
    expect(prediction?.std).toHaveLength(3);
    expect(new ColumnViewPredictor(new SvrPredictor(createRng(9)), { from: 0, to: 2 }).predictWithUncertainty).toBeUndefined();
  });

  it('refuses bad ranges and rows too short for the range, naming the field', () => {
    expect(() => new ColumnViewPredictor(new RidgePredictor(), { from: 2, to: 2 })).toThrow(
      expect.objectContaining({ field: 'columns', message: expect.stringMatching(/not a column range/) }),
    );
    const viewed = new ColumnViewPredictor(new RidgePredictor(), { from: 0, to: 6 });
    expect(() => viewed.fit(data(10, 7).features, data(10, 7).targets)).toThrow(
      expect.objectContaining({ field: 'features[0]', message: expect.stringMatching(/4 columns/) }),
    );
  });

  it('columnView builds named predictors from a factory', () => {
    const factory = columnView(() => new RidgePredictor(), { from: 1, to: 3 }, 'ridge/one-hot');
    expect(factory(createRng(1)).name).toBe('ridge/one-hot');
  });
});
