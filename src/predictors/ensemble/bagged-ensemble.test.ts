import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import { RidgePredictor } from '../ridge/ridge-predictor.js';
import { randomUniform } from '../testing/synthetic-data.js';
import type { Predictor } from '../types.js';
import { BaggedEnsemblePredictor, baggedEnsemble } from './bagged-ensemble.js';

describe('BaggedEnsemblePredictor', () => {
  it('averages its members and reports their spread, larger far from the data', () => {
    const rng = createRng(1);
    const features = randomUniform(rng, 40, 2);
    const targets = features.map((row) => (row[0] as number) - 2 * (row[1] as number) + 0.2 * rng.next());
    const ensemble = new BaggedEnsemblePredictor(() => new RidgePredictor({ alpha: 0.1 }), createRng(2), { members: 6 });
    expect(ensemble.name).toBe('bagged-ridge');
    ensemble.fit(features, targets);
    const { mean, std } = ensemble.predictWithUncertainty([Float64Array.of(0.5, 0.5), Float64Array.of(6, 6)]);
    expect(mean[0]).toBeCloseTo(0.5 - 1 + 0.1, 1);
    expect(std[0]).toBeGreaterThan(0);
    expect(std[1]).toBeGreaterThan(3 * (std[0] as number));
  });

  it('fits each member on a bootstrap sample of the rows, drawn from its rng', () => {
    const seen: number[][] = [];
    const recorder = (): Predictor => ({
      name: 'recorder',
      fit: (_features, targets) => {
        seen.push([...targets]);
      },
      predict: (features) => new Float64Array(features.length),
    });
    const targets = Array.from({ length: 20 }, (_, index) => index);
    const features = targets.map((value) => Float64Array.of(value));
    new BaggedEnsemblePredictor(recorder, createRng(3), { members: 4 }).fit(features, targets);
    expect(seen).toHaveLength(4);
    for (const sample of seen) {
      expect(sample).toHaveLength(20);
      // Twenty draws with replacement from twenty rows: a repeat is all but certain.
      expect(new Set(sample).size).toBeLessThan(20);
    }
    const again: number[][] = seen.splice(0);
    new BaggedEnsemblePredictor(recorder, createRng(3), { members: 4 }).fit(features, targets);
    expect(seen).toEqual(again);
  });

  it('is a factory too, and rejects a member count below two', () => {
    const factory = baggedEnsemble(() => new RidgePredictor(), { members: 3 });
    expect(factory(createRng(1)).name).toBe('bagged-ridge');
    expect(() => new BaggedEnsemblePredictor(() => new RidgePredictor(), createRng(1), { members: 1 })).toThrow(
      expect.objectContaining({ code: 'BAD_INPUT', field: 'bagged.members' }),
    );
  });
});
