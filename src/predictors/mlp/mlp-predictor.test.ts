import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import { kendallTau } from '../metrics/rank-correlation.js';
import { randomOneHot, randomUniform } from '../testing/synthetic-data.js';
import { MlpPredictor } from './mlp-predictor.js';

const smooth = (row: Float64Array): number => Math.sin(3 * (row[0] as number)) + (row[1] as number) ** 2 - (row[0] as number) * (row[1] as number);

describe('MlpPredictor', () => {
  it('fits a simple non-linear function of two inputs (held-out tau > 0.9)', () => {
    const rng = createRng(1);
    const features = randomUniform(rng, 300, 2, -1, 1);
    const mlp = new MlpPredictor(createRng(2));
    mlp.fit(features, features.map(smooth));
    const fresh = randomUniform(rng, 300, 2, -1, 1);
    expect(kendallTau(mlp.predict(fresh), fresh.map(smooth))).toBeGreaterThan(0.9);
  });

  it('fits the same function with two tanh layers', () => {
    const rng = createRng(3);
    const features = randomUniform(rng, 300, 2, -1, 1);
    const mlp = new MlpPredictor(createRng(4), { hiddenLayers: [32, 16], activation: 'tanh', learningRate: 0.01 });
    mlp.fit(features, features.map(smooth));
    const fresh = randomUniform(rng, 300, 2, -1, 1);
    expect(kendallTau(mlp.predict(fresh), fresh.map(smooth))).toBeGreaterThan(0.9);
  });

  it('learns additive effects of one-hot genes', () => {
    const rng = createRng(5);
    const features = randomOneHot(rng, 300, 8, 4);
    const weights = Array.from({ length: 32 }, () => rng.next());
    const truth = (row: Float64Array): number => row.reduce((sum, value, column) => sum + value * (weights[column] as number), 0);
    const mlp = new MlpPredictor(createRng(6));
    mlp.fit(features, features.map(truth));
    const fresh = randomOneHot(rng, 300, 8, 4);
    expect(kendallTau(mlp.predict(fresh), fresh.map(truth))).toBeGreaterThan(0.85);
  });

  it('stops early on a held-out split and is deterministic for a seed', () => {
    const rng = createRng(7);
    const features = randomUniform(rng, 200, 3);
    const targets = features.map((row) => (row[0] as number) + rng.next());
    const runs = [8, 8, 9].map((seed) => {
      const mlp = new MlpPredictor(createRng(seed), { maxEpochs: 500, patience: 5 });
      mlp.fit(features, targets);
      return { epochs: mlp.epochsRun, predictions: Array.from(mlp.predict(features)) };
    });
    expect(runs[0]?.epochs).toBeLessThan(500);
    expect(runs[0]).toEqual(runs[1]);
    expect(runs[0]?.predictions).not.toEqual(runs[2]?.predictions);
  });

  it('trains on every row (no early stopping) when the data are too few to hold any out', () => {
    const features = Array.from({ length: 6 }, (_, index) => Float64Array.of(index / 5));
    const mlp = new MlpPredictor(createRng(1), { maxEpochs: 40 });
    mlp.fit(features, [0, 1, 2, 3, 4, 5]);
    expect(mlp.epochsRun).toBe(40);
  });

  it('rejects bad options by name', () => {
    expect(() => new MlpPredictor(createRng(1), { hiddenLayers: [0] })).toThrow(expect.objectContaining({ field: 'mlp.hiddenLayers[0]' }));
    expect(() => new MlpPredictor(createRng(1), { activation: 'gelu' as never })).toThrow(expect.objectContaining({ field: 'mlp.activation' }));
    expect(() => new MlpPredictor(createRng(1), { validationFraction: 0.9 })).toThrow(expect.objectContaining({ field: 'mlp.validationFraction' }));
  });
});
