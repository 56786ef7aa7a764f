// The contract every Predictor must keep, as a reusable suite: each implementation's test calls it with its factory.

import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import { kendallTau } from '../metrics/rank-correlation.js';
import type { PredictorFactory } from '../types.js';
import { randomOneHot } from './synthetic-data.js';

export interface PredictorContractOptions {
  readonly label: string;
  readonly factory: PredictorFactory;
  /** Whether the predictor must provide predictWithUncertainty. */
  readonly hasUncertainty: boolean;
}

export function runPredictorContract({ label, factory, hasUncertainty }: PredictorContractOptions): void {
  describe(`Predictor contract: ${label}`, () => {
    const rng = createRng(99);
    const features = randomOneHot(rng, 60, 5, 4);
    const weights = Array.from({ length: 20 }, () => rng.next());
    const targets = features.map((row) => row.reduce((sum, value, column) => sum + value * (weights[column] as number), 10));
    const fresh = randomOneHot(rng, 40, 5, 4);

    it('predicts one finite value per row and ranks a simple additive target', () => {
      const predictor = factory(createRng(1));
      expect(typeof predictor.name).toBe('string');
      predictor.fit(features, targets);
      const predictions = predictor.predict(fresh);
      expect(predictions).toBeInstanceOf(Float64Array);
      expect(predictions.length).toBe(fresh.length);
      for (const value of predictions) expect(Number.isFinite(value)).toBe(true);
      const truth = fresh.map((row) => row.reduce((sum, value, column) => sum + value * (weights[column] as number), 10));
      expect(kendallTau(predictions, truth)).toBeGreaterThan(0.5);
      expect(predictor.predict([]).length).toBe(0);
    });

    it('is deterministic for a seed and does not modify its inputs', () => {
      const before = features.map((row) => Array.from(row));
      const runs = [1, 1].map((seed) => {
        const predictor = factory(createRng(seed));
        predictor.fit(features, targets);
        return Array.from(predictor.predict(fresh));
      });
      expect(runs[0]).toEqual(runs[1]);
      expect(features.map((row) => Array.from(row))).toEqual(before);
    });

    it('refits from scratch: a second fit replaces the first', () => {
      const predictor = factory(createRng(2));
      predictor.fit(features, targets.map((value) => -value));
      predictor.fit(features, targets);
      const again = factory(createRng(3));
      again.fit(features, targets);
      expect(kendallTau(predictor.predict(fresh), again.predict(fresh))).toBeGreaterThan(0.5);
    });

    it('copes with a constant target, a single row and duplicated rows', () => {
      const constant = factory(createRng(4));
      constant.fit(features, features.map(() => 3.5));
      for (const value of constant.predict(fresh)) expect(value).toBeCloseTo(3.5, 6);
      const single = factory(createRng(5));
      single.fit([features[0] as Float64Array], [2]);
      expect(single.predict([fresh[0] as Float64Array])[0]).toBeCloseTo(2, 6);
      const duplicated = factory(createRng(6));
      duplicated.fit([...features, ...features], [...targets, ...targets]);
      for (const value of duplicated.predict(fresh)) expect(Number.isFinite(value)).toBe(true);
    });

    it('fails clearly before fit, on width mismatches and on bad training data', () => {
      const predictor = factory(createRng(7));
      expect(() => predictor.predict(fresh)).toThrow(expect.objectContaining({ code: 'BAD_INPUT', field: 'predictor' }));
      expect(() => predictor.fit([], [])).toThrow(expect.objectContaining({ code: 'BAD_INPUT', field: 'features' }));
      expect(() => predictor.fit(features, targets.slice(1))).toThrow(expect.objectContaining({ code: 'BAD_INPUT', field: 'targets' }));
      expect(() => predictor.fit(features, targets.map((value, row) => (row === 3 ? Number.NaN : value)))).toThrow(
        expect.objectContaining({ field: 'targets' }),
      );
      expect(() => predictor.fit([Float64Array.of(1, 2), Float64Array.of(1)], [1, 2])).toThrow(expect.objectContaining({ field: 'features' }));
      predictor.fit(features, targets);
      expect(() => predictor.predict([new Float64Array(3)])).toThrow(expect.objectContaining({ code: 'BAD_INPUT', field: 'features' }));
    });

    if (hasUncertainty) {
      it('gives a non-negative std with the same mean as predict', () => {
        const predictor = factory(createRng(8));
        predictor.fit(features, targets);
        const predictWithUncertainty = predictor.predictWithUncertainty?.bind(predictor);
        expect(predictWithUncertainty).toBeDefined();
        const { mean, std } = (predictWithUncertainty as NonNullable<typeof predictWithUncertainty>)(fresh);
        const predicted = predictor.predict(fresh);
        mean.forEach((value, row) => expect(value).toBeCloseTo(predicted[row] as number, 9));
        for (const value of std) {
          expect(Number.isFinite(value)).toBe(true);
          expect(value).toBeGreaterThanOrEqual(0);
        }
        expect(Math.max(...std)).toBeGreaterThan(0);
      });
    }
  });
}
