import { describe, expect, it } from 'vitest';

import { createRng } from '../core/rng.js';
import { stackWeights } from './stacking.js';

/** Least-squares residual of a blend, computed directly. */
function residual(predictions: readonly number[][], targets: readonly number[], weights: ArrayLike<number>, intercept: number): number {
  return targets.reduce((sum, target, row) => {
    let fitted = intercept;
    predictions.forEach((column, model) => (fitted += (weights[model] as number) * (column[row] as number)));
    return sum + (target - fitted) ** 2;
  }, 0);
}

describe('stackWeights', () => {
  it('recovers an exact non-negative blend with its intercept', () => {
    const a = [1, 2, 3, 4, 5, 6];
    const b = [2, 1, 0, 3, 1, 5];
    const targets = a.map((value, row) => 0.7 * value + 0.2 * (b[row] as number) + 3);
    const fit = stackWeights([a, b], targets);
    expect(fit.weights[0]).toBeCloseTo(0.7, 8);
    expect(fit.weights[1]).toBeCloseTo(0.2, 8);
    expect(fit.intercept).toBeCloseTo(3, 7);
    expect(fit.residualSquares).toBeLessThan(1e-12);
  });

  it('sets a weight to zero where least squares would make it negative, and refits the rest', () => {
    const a = [1, 2, 3, 4, 5, 6];
    const b = [6, 5, 4, 3, 2, 1.5];
    // targets = a - 0.5 b: unconstrained weights (1, -0.5); constrained, b is dropped and a alone is refitted.
    const targets = a.map((value, row) => value - 0.5 * (b[row] as number));
    const fit = stackWeights([a, b], targets);
    expect(fit.weights[1]).toBe(0);
    const meanA = 3.5;
    const meanT = targets.reduce((s, v) => s + v, 0) / 6;
    const slope = a.reduce((s, v, r) => s + (v - meanA) * ((targets[r] as number) - meanT), 0) / a.reduce((s, v) => s + (v - meanA) ** 2, 0);
    expect(fit.weights[0]).toBeCloseTo(slope, 8);
    expect(fit.intercept).toBeCloseTo(meanT - slope * meanA, 8);
  });

  it('is never worse than any single model or any other non-negative blend tried at random', () => {
    const rng = createRng(7);
    for (let trial = 0; trial < 10; trial += 1) {
      const rows = 40;
      const truth = Array.from({ length: rows }, () => rng.next() * 10);
      const predictions = [0.5, 1, 2].map((noise) => truth.map((value) => value + noise * (rng.next() - 0.5) * 4));
      const fit = stackWeights(predictions, truth);
      for (const weight of fit.weights) expect(weight).toBeGreaterThanOrEqual(0);
      expect(residual(predictions, truth, fit.weights, fit.intercept)).toBeCloseTo(fit.residualSquares, 8);
      for (let probe = 0; probe < 30; probe += 1) {
        const weights = predictions.map(() => rng.next());
        // Best intercept for these weights: the mean residual.
        const intercept = truth.reduce((sum, value, row) => sum + value - predictions.reduce((s, column, m) => s + (weights[m] as number) * (column[row] as number), 0), 0) / rows;
        expect(fit.residualSquares).toBeLessThanOrEqual(residual(predictions, truth, weights, intercept) + 1e-9);
      }
    }
  });

  it('copes with two models predicting the same thing', () => {
    const a = [1, 2, 3, 4, 5];
    const fit = stackWeights([a, [...a]], a.map((value) => 2 * value));
    expect((fit.weights[0] as number) + (fit.weights[1] as number)).toBeCloseTo(2, 6);
    expect(fit.residualSquares).toBeLessThan(1e-9);
  });

  it('refuses bad shapes, naming the field', () => {
    expect(() => stackWeights([], [1, 2])).toThrow(/0 models to stack/);
    expect(() => stackWeights([[1, 2, 3]], [1, 2])).toThrow(/predictions\[0\]|has 3 rows/);
    expect(() => stackWeights([[1]], [1])).toThrow(/1 rows/);
  });
});
