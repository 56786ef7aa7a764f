import { describe, expect, it } from 'vitest';
import { fitTargetTransform } from './target-transform.js';

describe('fitTargetTransform', () => {
  it("'standardize' maps to zero mean and unit variance and back exactly", () => {
    const transform = fitTargetTransform(Float64Array.of(1, 2, 3, 4), 'standardize');
    const mean = Array.from(transform.values).reduce((sum, value) => sum + value, 0) / 4;
    const variance = Array.from(transform.values).reduce((sum, value) => sum + value * value, 0) / 4;
    expect(mean).toBeCloseTo(0, 15);
    expect(variance).toBeCloseTo(1, 15);
    transform.values.forEach((value, row) => expect(transform.toTarget(value)).toBeCloseTo(row + 1, 14));
    expect(transform.spreadToTarget(0, 1)).toBeCloseTo(Math.sqrt(1.25), 15);
  });

  it("'rank' is robust to an outlier, returns every training target at its score, and is increasing beyond them", () => {
    const targets = Float64Array.of(5, 6, 1000, 7, 6);
    const transform = fitTargetTransform(targets, 'rank');
    // Ranks 1, 2.5, 5, 4, 2.5: the outlier is just the largest rank.
    expect(transform.values[2]).toBeCloseTo(transform.values[3] as number + ((transform.values[3] as number) - (transform.values[0] as number)) / 3, 12);
    expect(transform.values[1]).toBe(transform.values[4]);
    transform.values.forEach((value, row) => expect(transform.toTarget(value)).toBeCloseTo(targets[row] as number, 10));
    const probes = [-5, -2, -1, 0, 0.3, 1, 2, 5];
    const mapped = probes.map((value) => transform.toTarget(value));
    for (let index = 1; index < mapped.length; index += 1) expect(mapped[index]).toBeGreaterThan(mapped[index - 1] as number);
    expect(transform.spreadToTarget(0, 0)).toBe(0);
  });

  it('maps a constant target to zeros and zero back to it', () => {
    for (const kind of ['standardize', 'rank'] as const) {
      const transform = fitTargetTransform(Float64Array.of(4, 4, 4), kind);
      for (const value of transform.values) expect(value).toBe(0);
      expect(transform.toTarget(0)).toBe(4);
    }
    // With one distinct target there is no slope to extrapolate with.
    expect(fitTargetTransform(Float64Array.of(4, 4), 'rank').toTarget(1.7)).toBe(4);
  });
});
