import { describe, expect, it } from 'vitest';
import { median, quantileSorted, summarizeTimings } from './statistics.js';

describe('timing statistics', () => {
  it('interpolates quantiles like numpy', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1, 12);
    expect(median([5, 1, 3])).toBe(3);
    expect(() => quantileSorted([], 0.5)).toThrow(RangeError);
  });

  it('summarises a sample with known mean, spread and robust spread', () => {
    const summary = summarizeTimings([10, 12, 11, 13, 9]);
    expect(summary.medianMs).toBe(11);
    expect(summary.meanMs).toBe(11);
    expect(summary.minMs).toBe(9);
    // sample standard deviation sqrt(10 / 4)
    expect(summary.cv).toBeCloseTo(Math.sqrt(2.5) / 11, 12);
    // deviations from 11: 1, 1, 0, 2, 2 -> MAD 1
    expect(summary.robustCv).toBeCloseTo(1.4826 / 11, 12);
  });

  it('keeps the robust spread small when one run is an outlier', () => {
    const summary = summarizeTimings([10, 10.1, 9.9, 10, 10.05, 9.95, 40]);
    expect(summary.medianMs).toBe(10);
    expect(summary.robustCv).toBeLessThan(0.01);
    expect(summary.cv).toBeGreaterThan(0.5);
  });
});
