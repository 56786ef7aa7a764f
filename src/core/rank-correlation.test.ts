import { describe, expect, it } from 'vitest';
import { createRng } from './rng.js';
import { averageRanks, kendallTau, pearson, spearman } from './rank-correlation.js';

/** O(n^2) tau-b straight from the definition: the oracle for Knight's method. */
function bruteForceKendallTau(first: readonly number[], second: readonly number[]): number {
  let concordantMinusDiscordant = 0;
  let untiedFirst = 0;
  let untiedSecond = 0;
  for (let i = 0; i < first.length; i += 1) {
    for (let j = i + 1; j < first.length; j += 1) {
      const a = Math.sign((first[i] as number) - (first[j] as number));
      const b = Math.sign((second[i] as number) - (second[j] as number));
      concordantMinusDiscordant += a * b;
      if (a !== 0) untiedFirst += 1;
      if (b !== 0) untiedSecond += 1;
    }
  }
  return concordantMinusDiscordant / Math.sqrt(untiedFirst * untiedSecond);
}

describe('kendallTau', () => {
  it('matches the published tau-b of a small example with ties', () => {
    // Example of scipy.stats.kendalltau's documentation: tau-b = -0.47140452079103173.
    expect(kendallTau([12, 2, 1, 12, 2], [1, 4, 7, 1, 0])).toBeCloseTo(-0.47140452079103173, 14);
  });

  it('is 1 for the same order, -1 for the reverse, NaN when a side is constant or too short', () => {
    expect(kendallTau([1, 2, 3, 4], [10, 20, 30, 40])).toBe(1);
    expect(kendallTau([1, 2, 3, 4], [4, 3, 2, 1])).toBe(-1);
    expect(kendallTau([1, 2, 3], [5, 5, 5])).toBeNaN();
    expect(kendallTau([1], [2])).toBeNaN();
  });

  it('agrees with the brute-force definition on random data with many ties', () => {
    const rng = createRng(11);
    for (let trial = 0; trial < 40; trial += 1) {
      const length = 2 + rng.int(120);
      const levels = 1 + rng.int(8);
      const first = Array.from({ length }, () => rng.int(levels));
      const second = Array.from({ length }, () => (rng.next() < 0.5 ? rng.int(levels) : rng.next()));
      const expected = bruteForceKendallTau(first, second);
      if (Number.isNaN(expected)) expect(kendallTau(first, second)).toBeNaN();
      else expect(kendallTau(first, second)).toBeCloseTo(expected, 12);
    }
  });

  it('agrees with the brute force on continuous data and does not modify its inputs', () => {
    const rng = createRng(12);
    const first = Float64Array.from({ length: 500 }, () => rng.next());
    const second = Float64Array.from(first, (value) => value + 0.3 * rng.next());
    const before = first.slice();
    expect(kendallTau(first, second)).toBeCloseTo(bruteForceKendallTau(Array.from(first), Array.from(second)), 12);
    expect(first).toEqual(before);
  });

  it('rejects arrays of different lengths and NaN values', () => {
    expect(() => kendallTau([1, 2], [1])).toThrow(expect.objectContaining({ code: 'BAD_INPUT', field: 'values' }));
    expect(() => kendallTau([1, Number.NaN], [1, 2])).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });
});

describe('spearman and ranks', () => {
  it('gives tied values the mean of their ranks', () => {
    expect(Array.from(averageRanks([10, 30, 20, 30, 10]))).toEqual([1.5, 4.5, 3, 4.5, 1.5]);
  });

  it('matches a published Spearman rho with a tie', () => {
    // Example of scipy.stats.spearmanr's documentation: rho = 0.8207826816681233.
    expect(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])).toBeCloseTo(0.8207826816681233, 14);
  });

  it('is 1 for any increasing map and NaN for a constant side', () => {
    expect(spearman([1, 2, 3, 10], [1, 4, 9, 100])).toBeCloseTo(1, 15);
    expect(spearman([1, 2, 3], [0, 0, 0])).toBeNaN();
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 15);
  });
});
