import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
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
