import { describe, expect, it } from 'vitest';
import { CarveError } from '../core/errors.js';
import { createRng } from '../core/rng.js';
import { foldAssignments } from './common/random.js';
import { GbdtPredictor } from './gbdt/gbdt-predictor.js';
import { RidgePredictor } from './ridge/ridge-predictor.js';
import { kendallTau } from './metrics/rank-correlation.js';
import { rmse } from './metrics/regression-error.js';
import { type PredictorCandidate, crossValidatedPredictions, selectPredictor } from './selection.js';
import { randomOneHot, randomUniform } from './testing/synthetic-data.js';
import type { Predictor } from './types.js';

const ridge: PredictorCandidate = { name: 'ridge', factory: () => new RidgePredictor() };
const gbdt: PredictorCandidate = { name: 'gbdt', factory: (rng) => new GbdtPredictor(rng, { trees: 100 }) };
const withoutTimes = (scores: readonly { fitMs: number }[]): unknown[] => scores.map(({ fitMs: _fitMs, ...rest }) => rest);

/** Predicts 1 for rows it was trained on and 0 for others: exposes any leak of a row into its own fold's training set. */
function memorizer(): Predictor {
  let seen = new Set<string>();
  return {
    name: 'memorizer',
    fit: (features) => {
      seen = new Set(features.map((row) => row.join(',')));
    },
    predict: (features) => Float64Array.from(features, (row) => (seen.has(row.join(',')) ? 1 : 0)),
  };
}

describe('crossValidatedPredictions', () => {
  it('predicts every row with a model that never saw it', () => {
    const features = Array.from({ length: 23 }, (_, index) => Float64Array.of(index));
    const folds = foldAssignments(23, 5, createRng(1));
    const predictions = crossValidatedPredictions(memorizer, features, features.map(() => 0), folds, createRng(2));
    expect(Array.from(predictions)).toEqual(new Array(23).fill(0));
  });
});

describe('selectPredictor', () => {
  it('picks ridge on purely linear data, with a tau at least that of boosted trees', () => {
    const rng = createRng(3);
    const features = randomOneHot(rng, 120, 8, 4);
    const weights = Array.from({ length: 32 }, () => rng.next());
    const targets = features.map((row) => row.reduce((sum, value, column) => sum + value * (weights[column] as number), 0) + 0.05 * rng.next());
    const result = selectPredictor([gbdt, ridge], features, targets, { rng: createRng(4) });
    expect(result.name).toBe('ridge');
    const [gbdtScore, ridgeScore] = result.perCandidate;
    expect(ridgeScore?.tau).toBeGreaterThanOrEqual(gbdtScore?.tau as number);
    expect(result.cvKendallTau).toBe(ridgeScore?.tau);
    expect(result.cvRmse).toBe(ridgeScore?.rmse);
    expect(result.predictor).toBeInstanceOf(RidgePredictor);
    expect(result.predictor.predict(features).length).toBe(120);
    // The out-of-fold predictions handed back are the chosen candidate's: they give its CV tau and RMSE.
    expect(result.outOfFold).toHaveLength(120);
    expect(kendallTau(result.outOfFold, Float64Array.from(targets))).toBeCloseTo(ridgeScore?.tau as number, 12);
    expect(rmse(result.outOfFold, Float64Array.from(targets))).toBeCloseTo(ridgeScore?.rmse as number, 12);
    expect(rmse(result.outOfFold, Float64Array.from(targets))).not.toBeCloseTo(gbdtScore?.rmse as number, 6);
  });

  it('picks boosted trees on data made of thresholds and interactions', () => {
    const rng = createRng(5);
    const features = randomUniform(rng, 150, 4);
    const tree = (row: Float64Array): number =>
      ((row[0] as number) > 0.5 ? ((row[1] as number) > 0.3 ? 5 : -3) : (row[2] as number) > 0.7 ? 2 : 0) + 0.1 * (row[3] as number);
    const result = selectPredictor([ridge, gbdt], features, features.map(tree), { rng: createRng(6), folds: 4 });
    expect(result.name).toBe('gbdt');
    expect(result.perCandidate[1]?.tau).toBeGreaterThan((result.perCandidate[0]?.tau as number) + 0.1);
  });

  it('is deterministic for a seed', () => {
    const rng = createRng(7);
    const features = randomOneHot(rng, 50, 4, 3);
    const targets = features.map((row) => (row[0] as number) * (row[3] as number) + rng.next());
    const runs = [8, 8].map((seed) => selectPredictor([ridge, gbdt], features, targets, { rng: createRng(seed) }));
    expect(runs[0]?.name).toBe(runs[1]?.name);
    expect(withoutTimes(runs[0]?.perCandidate ?? [])).toEqual(withoutTimes(runs[1]?.perCandidate ?? []));
    expect(Array.from(runs[0]?.predictor.predict(features) ?? [])).toEqual(Array.from(runs[1]?.predictor.predict(features) ?? []));
  });

  it('breaks exact ties by RMSE, then by relative cost, then by list order', () => {
    const rng = createRng(9);
    const features = randomUniform(rng, 30, 2);
    const targets = features.map((row) => (row[0] as number) + 0.1 * rng.next());
    const expensive = { name: 'expensive', factory: ridge.factory, relativeCost: 5 };
    const cheap = { name: 'cheap', factory: ridge.factory, relativeCost: 1 };
    expect(selectPredictor([expensive, cheap], features, targets, { rng: createRng(1) }).name).toBe('cheap');
    const first = { name: 'first', factory: ridge.factory };
    const second = { name: 'second', factory: ridge.factory };
    expect(selectPredictor([first, second], features, targets, { rng: createRng(1) }).name).toBe('first');
    // Same order, larger errors: twice the prediction keeps the pooled order (a tie on tau) and loses on RMSE.
    const doubled: PredictorCandidate = {
      name: 'doubled',
      factory: () => {
        const inner = new RidgePredictor();
        return {
          name: 'doubled',
          fit: (rows, values) => inner.fit(rows, values),
          predict: (rows) => inner.predict(rows).map((value) => 2 * value),
        };
      },
    };
    const result = selectPredictor([doubled, first], features, targets, { rng: createRng(1) });
    expect(result.perCandidate[0]?.tau).toBe(result.perCandidate[1]?.tau);
    expect(result.perCandidate[0]?.rmse).toBeGreaterThan(result.perCandidate[1]?.rmse as number);
    expect(result.name).toBe('first');
  });

  it('records a candidate that fails and chooses among the others; BAD_INPUT from a candidate propagates', () => {
    const features = randomUniform(createRng(10), 20, 2);
    const targets = features.map((row) => row[0] as number);
    const broken: PredictorCandidate = {
      name: 'broken',
      factory: () => ({
        name: 'broken',
        fit: () => {
          throw new Error('numerical trouble');
        },
        predict: () => new Float64Array(0),
      }),
    };
    const result = selectPredictor([broken, ridge], features, targets, { rng: createRng(11) });
    expect(result.name).toBe('ridge');
    expect(result.perCandidate[0]?.error).toBe('numerical trouble');
    expect(result.perCandidate[0]?.tau).toBeNaN();
    expect(() => selectPredictor([broken], features, targets, { rng: createRng(11) })).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
    const misconfigured: PredictorCandidate = {
      name: 'misconfigured',
      factory: () => {
        throw new CarveError('BAD_INPUT', 'bad option', { field: 'gbdt.trees' });
      },
    };
    expect(() => selectPredictor([ridge, misconfigured], features, targets, { rng: createRng(11) })).toThrow(
      expect.objectContaining({ field: 'gbdt.trees' }),
    );
  });

  it('falls back to leave-one-out with fewer rows than folds', () => {
    const features = [Float64Array.of(0), Float64Array.of(1), Float64Array.of(2)];
    const exactLine: PredictorCandidate = { name: 'line', factory: () => new RidgePredictor({ alpha: 1e-9 }) };
    const result = selectPredictor([exactLine], features, [0, 1, 2], { rng: createRng(12), folds: 5 });
    expect(result.cvKendallTau).toBe(1);
  });

  it('rejects bad calls with named fields', () => {
    const features = [Float64Array.of(0), Float64Array.of(1)];
    expect(() => selectPredictor([], features, [0, 1], { rng: createRng(1) })).toThrow(expect.objectContaining({ field: 'candidates' }));
    expect(() => selectPredictor([ridge, ridge], features, [0, 1], { rng: createRng(1) })).toThrow(
      expect.objectContaining({ field: 'candidates[1].name' }),
    );
    expect(() => selectPredictor([ridge], features, [0, 1], { rng: createRng(1), folds: 1 })).toThrow(expect.objectContaining({ field: 'folds' }));
    expect(() => selectPredictor([ridge], [Float64Array.of(0)], [0], { rng: createRng(1) })).toThrow(expect.objectContaining({ field: 'targets' }));
  });
});
