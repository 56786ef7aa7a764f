import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import { kendallTau } from '../metrics/rank-correlation.js';
import { linearTargets, randomOneHot, randomUniform } from '../testing/synthetic-data.js';
import { solveEpsilonSvr } from './smo-solver.js';
import { SvrPredictor } from './svr-predictor.js';

describe('solveEpsilonSvr', () => {
  it('solves a two-point linear problem exactly: f(x) = x through (0, 0) and (1, 1)', () => {
    // Linear kernel on x = 0 and x = 1: K = [[0, 0], [0, 1]]. With epsilon = 0 and a loose box the fit is exact,
    // f(x) = sum_i c_i x_i x + b with c = (-1, 1) (the coefficients sum to zero) and b = 0.
    const solution = solveEpsilonSvr(Float64Array.of(0, 0, 0, 1), Float64Array.of(0, 1), { cost: 100, epsilon: 0, tolerance: 1e-9, maxIterations: 1000 });
    expect(solution.converged).toBe(true);
    expect(solution.coefficients[0]).toBeCloseTo(-1, 8);
    expect(solution.coefficients[1]).toBeCloseTo(1, 8);
    expect(solution.bias).toBeCloseTo(0, 8);
  });

  it('keeps the dual constraints: coefficients sum to zero and stay inside the box', () => {
    const rng = createRng(1);
    const points = randomUniform(rng, 40, 2);
    const targets = Float64Array.from(points, (row) => Math.sin(4 * (row[0] as number)) + (row[1] as number));
    const kernel = new Float64Array(40 * 40);
    for (let i = 0; i < 40; i += 1) {
      for (let j = 0; j < 40; j += 1) {
        const a = points[i] as Float64Array;
        const b = points[j] as Float64Array;
        kernel[i * 40 + j] = Math.exp(-(((a[0] as number) - (b[0] as number)) ** 2 + ((a[1] as number) - (b[1] as number)) ** 2));
      }
    }
    const cost = 0.5;
    const solution = solveEpsilonSvr(kernel, targets, { cost, epsilon: 0.05, tolerance: 1e-6, maxIterations: 100_000 });
    expect(solution.converged).toBe(true);
    expect(Math.abs(solution.coefficients.reduce((sum, value) => sum + value, 0))).toBeLessThan(1e-9);
    for (const value of solution.coefficients) expect(Math.abs(value)).toBeLessThanOrEqual(cost + 1e-12);
    // At the optimum every residual outside the tube belongs to a coefficient at the box.
    solution.coefficients.forEach((coefficient, row) => {
      let fitted = solution.bias;
      for (let j = 0; j < 40; j += 1) fitted += (kernel[row * 40 + j] as number) * (solution.coefficients[j] as number);
      const residual = (targets[row] as number) - fitted;
      if (Math.abs(residual) > 0.05 + 1e-4) expect(Math.abs(coefficient)).toBeCloseTo(cost, 6);
    });
  });
});

describe('SvrPredictor', () => {
  it('with a linear kernel and a tiny epsilon fits a linear function', () => {
    const rng = createRng(2);
    const features = randomUniform(rng, 50, 3, -1, 1);
    const weights = [2, -1, 0.5];
    const targets = linearTargets(features, weights, 3);
    const svr = new SvrPredictor(createRng(3), { kernel: 'linear', cost: 1000, epsilon: 1e-4, tolerance: 1e-6 });
    svr.fit(features, targets);
    const fresh = randomUniform(rng, 20, 3, -1, 1);
    const predicted = svr.predict(fresh);
    linearTargets(fresh, weights, 3).forEach((expected, row) => expect(predicted[row]).toBeCloseTo(expected, 2));
  });

  it('with the RBF kernel fits a linear function of one variable inside the training range', () => {
    const rng = createRng(4);
    const features = randomUniform(rng, 60, 1);
    const targets = features.map((row) => 5 * (row[0] as number) - 2);
    const svr = new SvrPredictor(createRng(5), { cost: 100, epsilon: 0.001, tolerance: 1e-5 });
    svr.fit(features, targets);
    const grid = Array.from({ length: 21 }, (_, step) => Float64Array.of(0.05 + (0.9 * step) / 20));
    const predicted = svr.predict(grid);
    grid.forEach((row, index) => expect(Math.abs((predicted[index] as number) - (5 * (row[0] as number) - 2))).toBeLessThan(0.05));
    expect(kendallTau(predicted, grid.map((row) => row[0] as number))).toBe(1);
  });

  it('tunes cost and gamma on a grid around the given values, deterministically', () => {
    const rng = createRng(6);
    const features = randomOneHot(rng, 60, 5, 3);
    const targets = features.map((row) => (row[0] as number) * (row[4] as number) + (row[7] as number) + 0.1 * rng.next());
    const first = new SvrPredictor(createRng(7), { tune: true });
    const second = new SvrPredictor(createRng(7), { tune: true });
    first.fit(features, targets);
    second.fit(features, targets);
    expect(first.hyperparameters).toEqual(second.hyperparameters);
    expect([1, 3, 9]).toContain(first.hyperparameters?.cost);
    expect(Array.from(first.predict(features))).toEqual(Array.from(second.predict(features)));
  });

  it('predicts one-hot rows (whole-number distances, kernel from a table) as it predicts rows a hair away from them', () => {
    const rng = createRng(8);
    const features = randomOneHot(rng, 60, 5, 4);
    const targets = features.map((row) => row.reduce((sum, value, column) => sum + value * Math.sin(column), 0));
    const model = new SvrPredictor(createRng(1), { gamma: 0.3 });
    model.fit(features, targets);
    const probes = randomOneHot(rng, 25, 5, 4);
    // Scaling every value by 1 + 1e-12 makes each distance fractional, so those predictions call Math.exp.
    const nudged = probes.map((row) => row.map((value) => value * (1 + 1e-12)));
    const exact = model.predict(probes);
    const viaExp = model.predict(nudged);
    exact.forEach((value, row) => expect(Math.abs(value - (viaExp[row] as number))).toBeLessThan(1e-9));
    // And the predictions are not flat: a table indexed wrongly would not follow the targets.
    expect(kendallTau(model.predict(features), Float64Array.from(targets))).toBeGreaterThan(0.8);
  });

  it('rejects bad options by name', () => {
    expect(() => new SvrPredictor(createRng(1), { cost: 0 })).toThrow(expect.objectContaining({ field: 'svr.cost' }));
    expect(() => new SvrPredictor(createRng(1), { gamma: 'auto' as never })).toThrow(expect.objectContaining({ field: 'svr.gamma' }));
    expect(() => new SvrPredictor(createRng(1), { kernel: 'poly' as never })).toThrow(expect.objectContaining({ field: 'svr.kernel' }));
  });
});
