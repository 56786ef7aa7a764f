import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import { kendallTau } from '../metrics/rank-correlation.js';
import { randomOneHot, randomUniform } from '../testing/synthetic-data.js';
import { correlationFunction } from './gp-kernels.js';
import { GaussianProcessPredictor } from './gp-predictor.js';

describe('GP kernels', () => {
  it('are 1 at distance 0 and match their formulas', () => {
    expect(correlationFunction('rbf', 2)(0)).toBe(1);
    expect(correlationFunction('rbf', 2)(4)).toBeCloseTo(Math.exp(-0.5), 15);
    // Matern 5/2 at r = l: (1 + sqrt5 + 5/3) exp(-sqrt5); its input is the squared distance.
    expect(correlationFunction('matern52', 3)(9)).toBeCloseTo((1 + Math.sqrt(5) + 5 / 3) * Math.exp(-Math.sqrt(5)), 15);
    expect(correlationFunction('hamming', 0.5)(0.25)).toBeCloseTo(Math.exp(-0.5), 15);
  });
});

describe('GaussianProcessPredictor', () => {
  it('interpolates the training targets when the noise is tiny', () => {
    const rng = createRng(1);
    const features = randomUniform(rng, 30, 3);
    const targets = features.map((row) => Math.sin(5 * (row[0] as number)) + (row[1] as number) * (row[2] as number));
    const gp = new GaussianProcessPredictor(createRng(2), { noiseRatio: 1e-10 });
    gp.fit(features, targets);
    const { mean, std } = gp.predictWithUncertainty(features);
    mean.forEach((value, row) => expect(value).toBeCloseTo(targets[row] as number, 4));
    for (const value of std) expect(value).toBeLessThan(1e-3);
  });

  it('on a 1-D sine is more uncertain far from the data, and its 2-std band covers held-out points', () => {
    const rng = createRng(3);
    const features = Array.from({ length: 25 }, () => Float64Array.of(2 * Math.PI * rng.next()));
    const targets = features.map((row) => Math.sin(row[0] as number) + 0.05 * (rng.next() - 0.5));
    const gp = new GaussianProcessPredictor(createRng(4));
    gp.fit(features, targets);
    const inside = Array.from({ length: 50 }, (_, step) => Float64Array.of(0.2 + (5.8 * step) / 49));
    const { mean, std } = gp.predictWithUncertainty(inside);
    let covered = 0;
    inside.forEach((row, index) => {
      if (Math.abs((mean[index] as number) - Math.sin(row[0] as number)) <= 2 * (std[index] as number) + 0.05) covered += 1;
    });
    expect(covered).toBeGreaterThanOrEqual(45);
    const far = gp.predictWithUncertainty([Float64Array.of(12), Float64Array.of(20)]);
    const largestInside = Math.max(...std);
    expect(far.std[0]).toBeGreaterThan(3 * largestInside);
    // Far from the data the posterior returns to the prior: the std approaches the fitted signal deviation.
    expect(far.std[1]).toBeGreaterThanOrEqual(far.std[0] as number);
  });

  it('fits more noise to noisy targets than to clean ones', () => {
    const rng = createRng(5);
    const features = randomUniform(rng, 60, 2);
    const clean = features.map((row) => Math.cos(4 * (row[0] as number)) + (row[1] as number));
    const noisy = clean.map((value) => value + 0.5 * (rng.next() - 0.5));
    const fitted = [clean, noisy].map((targets) => {
      const gp = new GaussianProcessPredictor(createRng(6));
      gp.fit(features, targets);
      return gp.hyperparameters?.noiseRatio ?? Number.NaN;
    });
    expect(fitted[1]).toBeGreaterThan(10 * (fitted[0] as number));
  });

  it.each(['rbf', 'matern52', 'hamming'] as const)('ranks an additive one-hot target well with the %s kernel', (kernel) => {
    const rng = createRng(7);
    const features = randomOneHot(rng, 150, 6, 5);
    const weights = Array.from({ length: 30 }, () => rng.next());
    const truth = (row: Float64Array): number => row.reduce((sum, value, column) => sum + value * (weights[column] as number), 0);
    const gp = new GaussianProcessPredictor(createRng(8), { kernel });
    gp.fit(features, features.map(truth));
    const fresh = randomOneHot(rng, 200, 6, 5);
    expect(kendallTau(gp.predict(fresh), fresh.map(truth))).toBeGreaterThan(0.8);
  });

  it('fits hyper-parameters on a seeded subset when rows exceed maxHyperparameterRows, deterministically', () => {
    const rng = createRng(9);
    const features = randomUniform(rng, 80, 2);
    const targets = features.map((row) => (row[0] as number) - (row[1] as number));
    const fits = [10, 10].map((seed) => {
      const gp = new GaussianProcessPredictor(createRng(seed), { maxHyperparameterRows: 30 });
      gp.fit(features, targets);
      return { hyperparameters: gp.hyperparameters, predictions: Array.from(gp.predict(features)) };
    });
    expect(fits[0]).toEqual(fits[1]);
  });

  it('survives duplicate rows with a fixed zero noise by raising the jitter', () => {
    const features = [Float64Array.of(0), Float64Array.of(0), Float64Array.of(1)];
    const gp = new GaussianProcessPredictor(createRng(1), { noiseRatio: 0, lengthScale: 1 });
    gp.fit(features, [1, 1, 2]);
    expect(gp.hyperparameters?.noiseRatio).toBeGreaterThan(0);
    expect(gp.predict([Float64Array.of(1)])[0]).toBeCloseTo(2, 3);
  });

  it('rejects bad options by name', () => {
    expect(() => new GaussianProcessPredictor(createRng(1), { kernel: 'linear' as never })).toThrow(expect.objectContaining({ field: 'gp.kernel' }));
    expect(() => new GaussianProcessPredictor(createRng(1), { lengthScale: 0 })).toThrow(expect.objectContaining({ field: 'gp.lengthScale' }));
  });
});
