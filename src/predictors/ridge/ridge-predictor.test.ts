import { Matrix, solve } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import { linearTargets, randomOneHot, randomUniform, randomWeights } from '../testing/synthetic-data.js';
import { RidgePredictor } from './ridge-predictor.js';

/** Ordinary least squares with an intercept through the normal equations (full-rank designs only). */
function leastSquares(features: readonly Float64Array[], targets: readonly number[]): { intercept: number; coefficients: number[] } {
  const design = new Matrix(features.map((row) => [1, ...row]));
  const normal = design.transpose().mmul(design);
  const right = design.transpose().mmul(Matrix.columnVector([...targets]));
  const solution = solve(normal, right).to1DArray();
  return { intercept: solution[0] as number, coefficients: solution.slice(1) };
}

describe('RidgePredictor', () => {
  it('recovers the coefficients and intercept of exact linear data', () => {
    const rng = createRng(1);
    const features = randomUniform(rng, 60, 5, -2, 3);
    const weights = [1.5, -2, 0.25, 4, -0.5];
    const targets = linearTargets(features, weights, 7);
    const ridge = new RidgePredictor();
    ridge.fit(features, targets);
    // Exact data: leave-one-out error is smallest at the smallest penalty of the grid.
    expect(ridge.alpha).toBe(1e-4);
    Array.from(ridge.coefficients ?? []).forEach((coefficient, column) => expect(coefficient).toBeCloseTo(weights[column] as number, 3));
    expect(ridge.intercept).toBeCloseTo(7, 3);
    const fresh = randomUniform(rng, 10, 5, -2, 3);
    const predicted = ridge.predict(fresh);
    linearTargets(fresh, weights, 7).forEach((expected, row) => expect(predicted[row]).toBeCloseTo(expected, 2));
  });

  it('with alpha = 0 equals ordinary least squares on noisy data', () => {
    const rng = createRng(2);
    const features = randomUniform(rng, 40, 6);
    const targets = linearTargets(features, randomWeights(rng, 6), 0.3).map((value) => value + 0.2 * (rng.next() - 0.5));
    const ridge = new RidgePredictor({ alpha: 0 });
    ridge.fit(features, targets);
    const reference = leastSquares(features, targets);
    Array.from(ridge.coefficients ?? []).forEach((coefficient, column) => expect(coefficient).toBeCloseTo(reference.coefficients[column] as number, 8));
    expect(ridge.intercept).toBeCloseTo(reference.intercept, 8);
  });

  it('with alpha = 0 and more columns than rows interpolates the training rows (minimum-norm solution)', () => {
    const rng = createRng(3);
    const features = randomUniform(rng, 8, 20);
    const targets = Array.from({ length: 8 }, () => rng.next());
    const ridge = new RidgePredictor({ alpha: 0 });
    ridge.fit(features, targets);
    ridge.predict(features).forEach((value, row) => expect(value).toBeCloseTo(targets[row] as number, 8));
  });

  it('shrinks coefficients towards zero as alpha grows', () => {
    const rng = createRng(4);
    const features = randomUniform(rng, 30, 4);
    const targets = linearTargets(features, [1, 2, 3, 4], 0);
    const norms = [0.01, 1, 100].map((alpha) => {
      const ridge = new RidgePredictor({ alpha });
      ridge.fit(features, targets);
      return Math.hypot(...(ridge.coefficients ?? []));
    });
    expect(norms[0]).toBeGreaterThan(norms[1] as number);
    expect(norms[1]).toBeGreaterThan(norms[2] as number);
  });

  it('picks the alpha with the smallest brute-force leave-one-out error', () => {
    const rng = createRng(5);
    const features = randomOneHot(rng, 25, 4, 3);
    const targets = linearTargets(features, randomWeights(rng, 12), 1).map((value) => value + 0.8 * (rng.next() - 0.5));
    const grid = [0.01, 0.1, 1, 10, 100];
    const looError = (alpha: number): number => {
      let sum = 0;
      for (let out = 0; out < features.length; out += 1) {
        const ridge = new RidgePredictor({ alpha });
        ridge.fit(
          features.filter((_, row) => row !== out),
          targets.filter((_, row) => row !== out),
        );
        sum += ((ridge.predict([features[out] as Float64Array])[0] as number) - (targets[out] as number)) ** 2;
      }
      return sum;
    };
    const auto = new RidgePredictor({ alphaGrid: grid });
    auto.fit(features, targets);
    // Ridge predictions do not depend on how targets are standardised, so refitting without each row reproduces
    // exactly what the closed form scores.
    const errors = grid.map(looError);
    const bestByBruteForce = grid[errors.indexOf(Math.min(...errors))];
    expect(auto.alpha).toBe(bestByBruteForce);
  });

  it('GCV selection also runs and stays inside the grid', () => {
    const rng = createRng(6);
    const features = randomOneHot(rng, 30, 5, 4);
    const targets = linearTargets(features, randomWeights(rng, 20), 0).map((value) => value + 0.5 * rng.next());
    const ridge = new RidgePredictor({ alphaSelection: 'gcv', alphaGrid: [0.1, 1, 10] });
    ridge.fit(features, targets);
    expect([0.1, 1, 10]).toContain(ridge.alpha);
  });

  it('is more uncertain far from the data than at it', () => {
    const rng = createRng(7);
    const features = randomUniform(rng, 30, 2, 0, 1);
    const targets = linearTargets(features, [1, -1], 0).map((value) => value + 0.1 * (rng.next() - 0.5));
    const ridge = new RidgePredictor();
    ridge.fit(features, targets);
    const { mean, std } = ridge.predictWithUncertainty([Float64Array.of(0.5, 0.5), Float64Array.of(5, -5)]);
    expect(Array.from(mean)).toEqual(Array.from(ridge.predict([Float64Array.of(0.5, 0.5), Float64Array.of(5, -5)])));
    expect(std[0]).toBeGreaterThan(0);
    expect(std[1]).toBeGreaterThan(5 * (std[0] as number));
  });

  it('with the rank transform keeps the order of a monotone non-linear target and has no linear coefficients', () => {
    const rng = createRng(8);
    const features = randomUniform(rng, 50, 3);
    const targets = linearTargets(features, [1, 2, 3], 0).map((value) => Math.exp(3 * value));
    const ridge = new RidgePredictor({ targetTransform: 'rank' });
    ridge.fit(features, targets);
    expect(ridge.coefficients).toBeUndefined();
    const predicted = ridge.predict(features);
    const order = (values: ArrayLike<number>): number[] =>
      Array.from(values, (_, index) => index).sort((a, b) => (values[a] as number) - (values[b] as number));
    const agreement = order(predicted).filter((row, position) => order(targets)[position] === row).length;
    expect(agreement).toBeGreaterThan(10);
    expect(Math.min(...predicted)).toBeGreaterThan(0);
  });

  it('rejects bad options by name', () => {
    expect(() => new RidgePredictor({ alpha: -1 })).toThrow(expect.objectContaining({ code: 'BAD_INPUT', field: 'ridge.alpha' }));
    expect(() => new RidgePredictor({ alphaGrid: [] })).toThrow(expect.objectContaining({ field: 'ridge.alphaGrid' }));
    expect(() => new RidgePredictor({ alphaSelection: 'aic' as never })).toThrow(expect.objectContaining({ field: 'ridge.alphaSelection' }));
  });
});
