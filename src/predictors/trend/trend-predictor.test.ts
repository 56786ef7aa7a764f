import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import { kendallTau } from '../metrics/index.js';
import { predictorFactory } from '../registry.js';
import { RidgePredictor } from '../ridge/index.js';
import { SvrPredictor } from '../svr/index.js';
import { TrendPredictor } from './trend-predictor.js';

/** One-hot rows of `genes` genes with `choices` choices each. */
function oneHot(genome: readonly number[], choices: number): Float64Array {
  const row = new Float64Array(genome.length * choices);
  genome.forEach((choice, gene) => {
    row[gene * choices + choice] = 1;
  });
  return row;
}

// An additive objective over 4 genes x 4 choices with an interaction between genes 0 and 1.
const weights = [
  [0, 1, 2, 3],
  [0, 2, 4, 6],
  [0, -1, 1, 0.5],
  [0, 0.5, 1, 1.5],
];
const value = (genome: readonly number[]): number =>
  genome.reduce((sum, choice, gene) => sum + (weights[gene]?.[choice] as number), 0) + (genome[0] === 3 && genome[1] === 3 ? -4 : 0);
const all: number[][] = [];
for (let index = 0; index < 256; index += 1) all.push([index & 3, (index >> 2) & 3, (index >> 4) & 3, (index >> 6) & 3]);

describe('TrendPredictor (ridge trend + RBF SVR on its residuals)', () => {
  it('far from every training row follows the trend where an RBF SVR falls back on the mean', () => {
    // Six genes, additive: 30 random training cells; asked about the cells at least 3 genes away from all of them.
    const rng = createRng(1);
    const gains = Array.from({ length: 6 }, () => Array.from({ length: 4 }, () => 3 * rng.next()));
    const additive = (genome: readonly number[]): number => genome.reduce((sum, choice, gene) => sum + (gains[gene]?.[choice] as number), 0);
    const cells: number[][] = Array.from({ length: 4096 }, (_, index) => Array.from({ length: 6 }, (_, gene) => (index >> (2 * gene)) & 3));
    const train = cells.filter(() => rng.next() < 30 / 4096);
    const far = cells.filter((cell) => train.every((seen) => seen.filter((choice, gene) => choice !== cell[gene]).length >= 3));
    expect(far.length).toBeGreaterThan(100);
    const features = train.map((genome) => oneHot(genome, 4));
    const targets = train.map(additive);
    const trend = new TrendPredictor(createRng(1));
    const svr = new SvrPredictor(createRng(1));
    trend.fit(features, targets);
    svr.fit(features, targets);
    const truth = far.map(additive);
    const error = (predicted: Float64Array): number => predicted.reduce((sum, value, row) => sum + Math.abs(value - (truth[row] as number)), 0) / truth.length;
    const trendError = error(trend.predict(far.map((genome) => oneHot(genome, 4))));
    const svrError = error(svr.predict(far.map((genome) => oneHot(genome, 4))));
    expect(trendError).toBeLessThan(0.6 * svrError);
  });

  it('fits an interaction the trend alone misses', () => {
    const rng = createRng(2);
    const train = all.filter(() => rng.next() < 0.7);
    const test = all.filter((genome) => !train.includes(genome));
    const features = train.map((genome) => oneHot(genome, 4));
    const targets = train.map(value);
    const trend = new TrendPredictor(createRng(3));
    const ridge = new RidgePredictor();
    trend.fit(features, targets);
    ridge.fit(features, targets);
    const interacting = test.filter((genome) => genome[0] === 3 && genome[1] === 3);
    expect(interacting.length).toBeGreaterThan(0);
    const meanError = (predictor: { predict(rows: readonly Float64Array[]): Float64Array }): number => {
      const predicted = predictor.predict(interacting.map((genome) => oneHot(genome, 4)));
      return predicted.reduce((sum, value, row) => sum + Math.abs(value - value_(interacting[row] as number[])), 0) / interacting.length;
    };
    const value_ = value;
    expect(meanError(trend)).toBeLessThan(0.7 * meanError(ridge));
  });

  it('with rank targets predicts in target units and keeps their order', () => {
    const features = all.map((genome) => oneHot(genome, 4));
    const targets = all.map((genome) => Math.exp(value(genome) / 2));
    const model = predictorFactory('ridge+svr-rank')(createRng(4));
    model.fit(features, targets);
    const predicted = model.predict(features);
    const low = targets.indexOf(Math.min(...targets));
    const high = targets.indexOf(Math.max(...targets));
    expect(predicted[low]).toBeLessThan(predicted[high] as number);
    expect(Math.min(...predicted)).toBeGreaterThan(Math.min(...targets) - 1);
    expect(Math.max(...predicted)).toBeLessThan(Math.max(...targets) * 1.2);
  });

  it('refuses unknown options and part options, naming them', () => {
    expect(() => predictorFactory('ridge+svr', { depth: 2 })).toThrow(expect.objectContaining({ field: 'ridge+svr.depth' }));
    expect(() => predictorFactory('ridge+svr', { svr: { targetTransform: 'rank' } })).toThrow(expect.objectContaining({ field: 'ridge+svr.svr.targetTransform' }));
    expect(() => predictorFactory('ridge+svr', { svr: { kernel: 'linear' } })).toThrow(expect.objectContaining({ field: 'ridge+svr.svr.kernel' }));
    expect(() => predictorFactory('ridge+svr', { ridge: { alpha: -1 } })).toThrow(expect.objectContaining({ field: 'ridge.alpha' }));
    expect(() => predictorFactory('ridge+svr', { svr: { cost: 0 } })).toThrow(expect.objectContaining({ field: 'svr.cost' }));
  });
});

describe('TrendPredictor with a one-column trend (proxy+svr)', () => {
  const row = (...values: number[]): Float64Array => Float64Array.from(values);

  it('extrapolates an exactly linear dependence on its column (known answer), whichever column is named', () => {
    // y = 2 x + 1 on the last column; the first column is noise the trend must not use.
    const rng = createRng(5);
    const features = Array.from({ length: 20 }, (_, index) => row(rng.next(), index / 4));
    const targets = features.map((features_) => 2 * (features_[1] as number) + 1);
    const model = predictorFactory('proxy+svr')(createRng(6));
    model.fit(features, targets);
    const predicted = model.predict([row(0.5, 10), row(0.5, -3)]);
    expect(predicted[0]).toBeCloseTo(21, 6);
    expect(predicted[1]).toBeCloseTo(-5, 6);
    const first = predictorFactory('proxy+svr', { column: 0 })(createRng(6));
    first.fit(
      features.map((features_) => row(features_[1] as number, features_[0] as number)),
      targets,
    );
    expect(first.predict([row(10, 0.5)])[0]).toBeCloseTo(21, 6);
  });

  it('far from every training row follows the proxy where an RBF SVR falls back on the mean', () => {
    // Six genes, additive; the last column is a noisy proxy of the objective (its value plus noise).
    const rng = createRng(7);
    const gains = Array.from({ length: 6 }, () => Array.from({ length: 4 }, () => 3 * rng.next()));
    const additive = (genome: readonly number[]): number => genome.reduce((sum, choice, gene) => sum + (gains[gene]?.[choice] as number), 0);
    const cells: number[][] = Array.from({ length: 4096 }, (_, index) => Array.from({ length: 6 }, (_, gene) => (index >> (2 * gene)) & 3));
    const proxyOf = new Map(cells.map((cell) => [cell.join(), additive(cell) + 2 * (rng.next() - 0.5)]));
    const encode = (cell: readonly number[]): Float64Array => {
      const features = new Float64Array(25);
      features.set(oneHot(cell, 4));
      features[24] = proxyOf.get(cell.join()) as number;
      return features;
    };
    const train = cells.filter(() => rng.next() < 30 / 4096);
    const far = cells.filter((cell) => train.every((seen) => seen.filter((choice, gene) => choice !== cell[gene]).length >= 3));
    const withProxy = predictorFactory('proxy+svr')(createRng(8));
    const svr = new SvrPredictor(createRng(8));
    withProxy.fit(train.map(encode), train.map(additive));
    svr.fit(train.map(encode), train.map(additive));
    const truth = far.map(additive);
    const tauOf = (predicted: Float64Array): number => kendallTau(Array.from(predicted), truth);
    expect(tauOf(withProxy.predict(far.map(encode)))).toBeGreaterThan(tauOf(svr.predict(far.map(encode))) + 0.1);
  });

  it('with its column the only one, is the least-squares line through the targets (known answer)', () => {
    const model = predictorFactory('proxy+svr')(createRng(10));
    model.fit([row(0), row(1), row(2), row(3)], [1, 2, 2, 5]); // slope 1.2, intercept 0.7
    const predicted = model.predict([row(0), row(10)]);
    expect(predicted[0]).toBeCloseTo(0.7, 9);
    expect(predicted[1]).toBeCloseTo(12.7, 9);
  });

  it('refuses a column outside the rows and the ridge options, naming them', () => {
    const model = predictorFactory('proxy+svr', { column: 3 })(createRng(9));
    expect(() => model.fit([row(1, 2), row(2, 3), row(3, 5)], [1, 2, 3])).toThrow(expect.objectContaining({ field: 'proxy+svr.column' }));
    expect(() => predictorFactory('proxy+svr', { column: 0.5 })).toThrow(expect.objectContaining({ field: 'proxy+svr.column' }));
    expect(() => predictorFactory('proxy+svr', { ridge: { alpha: 1 } })).toThrow(expect.objectContaining({ field: 'proxy+svr.ridge' }));
    expect(() => predictorFactory('proxy+svr', { svr: { kernel: 'linear' } })).toThrow(expect.objectContaining({ field: 'proxy+svr.svr.kernel' }));
  });
});
