import { describe, expect, it } from 'vitest';
import { averageRanks, kendallTau, spearman } from './rank-correlation.js';

describe('rank correlation', () => {
  it('is 1 for the same order and -1 for the reverse', () => {
    expect(kendallTau([1, 2, 3, 4], [10, 20, 30, 40])).toBe(1);
    expect(kendallTau([1, 2, 3, 4], [4, 3, 2, 1])).toBe(-1);
    expect(spearman([1, 2, 3, 4], [1, 4, 9, 16])).toBe(1);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBe(-1);
  });

  it('matches hand-computed values with one swap and with ties', () => {
    // One discordant pair of six: (5 - 1) / 6.
    expect(kendallTau([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(4 / 6, 12);
    // d = (0, 1, -1, 0): 1 - 6·2 / (4·15) = 0.8
    expect(spearman([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.8, 12);
    expect(averageRanks([10, 20, 20, 5])).toEqual([2, 3.5, 3.5, 1]);
    // tau-b with one tie in the second sample: C = 5, D = 0, tied-second 1 -> 5 / sqrt(6 · 5)
    expect(kendallTau([1, 2, 3, 4], [1, 2, 2, 4])).toBeCloseTo(5 / Math.sqrt(30), 12);
  });

  it('refuses unpaired or too small samples', () => {
    expect(() => kendallTau([1, 2], [1])).toThrow(RangeError);
    expect(() => spearman([1], [1])).toThrow(RangeError);
  });
});
