import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import { kendallTau } from '../metrics/rank-correlation.js';
import { RidgePredictor } from '../ridge/ridge-predictor.js';
import { randomOneHot, randomUniform } from '../testing/synthetic-data.js';
import { binFeatures, binOf } from './feature-bins.js';
import { GbdtPredictor } from './gbdt-predictor.js';

describe('binFeatures', () => {
  it('gives each distinct value its own bin with cuts at midpoints when there are few', () => {
    const bins = binFeatures({ values: Float64Array.of(0, 5, 1, 5, 0.5, 7), rowCount: 3, columnCount: 2 }, 16);
    expect(Array.from(bins.cuts[0] ?? [])).toEqual([0.25, 0.75]);
    expect(Array.from(bins.cuts[1] ?? [])).toEqual([6]);
    // Column-major codes: column 0 holds 0, 1, 0.5 -> bins 0, 2, 1.
    expect(Array.from(bins.codes)).toEqual([0, 2, 1, 0, 0, 1]);
    expect(bins.defaultBins[1]).toBe(0);
  });

  it('caps the bin count with roughly equal-count bins when values are many', () => {
    const values = Float64Array.from({ length: 1000 }, (_, index) => index);
    const bins = binFeatures({ values, rowCount: 1000, columnCount: 1 }, 10);
    expect(bins.binCounts[0]).toBe(10);
    const perBin = new Array<number>(10).fill(0);
    bins.codes.forEach((code) => (perBin[code] = (perBin[code] as number) + 1));
    for (const count of perBin) expect(count).toBe(100);
    expect(binOf(bins.cuts[0] as Float64Array, -5)).toBe(0);
    expect(binOf(bins.cuts[0] as Float64Array, 5000)).toBe(9);
  });
});

describe('GbdtPredictor', () => {
  it('fits a step function exactly with depth-1 trees', () => {
    const features = Array.from({ length: 40 }, (_, index) => Float64Array.of(index / 39, (index * 7) % 5));
    const targets = features.map((row) => ((row[0] as number) > 0.5 ? 3 : -1));
    const gbdt = new GbdtPredictor(createRng(1), { maxDepth: 1, trees: 300, learningRate: 0.3, l2: 0, subsample: 1 });
    gbdt.fit(features, targets);
    gbdt.predict(features).forEach((value, row) => expect(value).toBeCloseTo(targets[row] as number, 9));
    expect(gbdt.predict([Float64Array.of(0.49, 0), Float64Array.of(0.52, 0)]).map((value) => Math.round(value))).toEqual(Float64Array.of(-1, 3));
  });

  it('learns an interaction of one-hot genes that a linear model cannot express', () => {
    const rng = createRng(2);
    const features = randomOneHot(rng, 400, 6, 4);
    const weights = Array.from({ length: 24 }, () => rng.next() - 0.5);
    const rule = (row: Float64Array): number =>
      ((row[0] as number) === 1 && (row[5] as number) === 1 ? 2 : 0) + row.reduce((sum, value, column) => sum + value * (weights[column] as number), 0);
    const gbdt = new GbdtPredictor(createRng(3));
    gbdt.fit(features, features.map(rule));
    const fresh = randomOneHot(rng, 300, 6, 4);
    const treeTau = kendallTau(gbdt.predict(fresh), fresh.map(rule));
    expect(treeTau).toBeGreaterThan(0.9);
    const ridge = new RidgePredictor();
    ridge.fit(features, features.map(rule));
    expect(kendallTau(ridge.predict(fresh), fresh.map(rule))).toBeLessThan(treeTau - 0.1);
  });

  it('handles continuous columns through capped bins', () => {
    const rng = createRng(4);
    const features = randomUniform(rng, 500, 2);
    const truth = (row: Float64Array): number => Math.sin(6 * (row[0] as number)) + (row[1] as number) ** 2;
    const gbdt = new GbdtPredictor(createRng(5), { maxBins: 32 });
    gbdt.fit(features, features.map(truth));
    const fresh = randomUniform(rng, 300, 2);
    expect(kendallTau(gbdt.predict(fresh), fresh.map(truth))).toBeGreaterThan(0.85);
  });

  it('uses its rng for row and column subsampling: same seed same model, other seed other model', () => {
    const rng = createRng(6);
    const features = randomOneHot(rng, 100, 5, 3);
    const targets = features.map((row) => (row[0] as number) + 2 * (row[4] as number) + rng.next());
    const predictions = [7, 7, 8].map((seed) => {
      const gbdt = new GbdtPredictor(createRng(seed), { subsample: 0.7, columnSample: 0.6 });
      gbdt.fit(features, targets);
      return Array.from(gbdt.predict(features));
    });
    expect(predictions[0]).toEqual(predictions[1]);
    expect(predictions[0]).not.toEqual(predictions[2]);
  });

  it('respects minSamplesLeaf: with a leaf floor of half the rows only one split is possible', () => {
    const features = Array.from({ length: 10 }, (_, index) => Float64Array.of(index));
    const targets = features.map((row) => row[0] as number);
    const gbdt = new GbdtPredictor(createRng(1), { trees: 1, maxDepth: 5, minSamplesLeaf: 5, subsample: 1, learningRate: 1, l2: 0 });
    gbdt.fit(features, targets);
    expect(gbdt.nodeCount).toBe(3);
    expect(new Set(gbdt.predict(features)).size).toBe(2);
  });

  it('rejects bad options by name', () => {
    expect(() => new GbdtPredictor(createRng(1), { maxDepth: 0 })).toThrow(expect.objectContaining({ field: 'gbdt.maxDepth' }));
    expect(() => new GbdtPredictor(createRng(1), { subsample: 1.5 })).toThrow(expect.objectContaining({ field: 'gbdt.subsample' }));
    expect(() => new GbdtPredictor(createRng(1), { maxBins: 300 })).toThrow(expect.objectContaining({ field: 'gbdt.maxBins' }));
    expect(() => new GbdtPredictor(createRng(1), { depth: 3 } as never)).toThrow(expect.objectContaining({ field: 'gbdt.depth' }));
  });
});
