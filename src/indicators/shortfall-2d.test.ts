import { describe, expect, it } from 'vitest';

import { createRng } from '../core/rng.js';
import { hypervolume } from './hypervolume.js';
import { shortfallBySecondObjective } from './shortfall-2d.js';

describe('shortfallBySecondObjective', () => {
  it('known answer: a front missing its fast end and one middle step', () => {
    // True front: (0.8, 0), (0.4, 0.2), (0.1, 0.6). The set lacks (0.8, 0) and has (0.5, 0.2) instead of (0.4, 0.2).
    const truth = [[0.8, 0], [0.4, 0.2], [0.1, 0.6]];
    const found = [[0.5, 0.2], [0.1, 0.6]];
    // [0, 0.2): 1 - 0.8 = 0.2 per unit -> 0.04, all in bin 0 (bins of 0.25); [0.2, 0.6): 0.5 - 0.4 = 0.1 per unit ->
    // 0.005 in bin 0 (0.2-0.25), 0.025 in bin 1 (0.25-0.5), 0.01 in bin 2 (0.5-0.6); nothing after 0.6.
    const bins = shortfallBySecondObjective(found, truth, 4);
    expect(bins[0]).toBeCloseTo(0.045, 12);
    expect(bins[1]).toBeCloseTo(0.025, 12);
    expect(bins[2]).toBeCloseTo(0.01, 12);
    expect(bins[3]).toBe(0);
    // Restricted to [0, 0.1] in 2 bins: 0.2 per unit over each 0.05.
    const zoom = shortfallBySecondObjective(found, truth, 2, 0.1);
    expect(zoom[0]).toBeCloseTo(0.01, 12);
    expect(zoom[1]).toBeCloseTo(0.01, 12);
  });

  it('adds up to the hypervolume difference for subsets of random fronts, and is 0 for the front itself', () => {
    const rng = createRng(7);
    for (let trial = 0; trial < 25; trial += 1) {
      const xs = Array.from({ length: 12 }, () => rng.next()).sort((a, b) => a - b);
      const ys = Array.from({ length: 12 }, () => rng.next()).sort((a, b) => b - a);
      const front = xs.map((x, index) => [ys[index] as number, x]);
      const subset = front.filter(() => rng.next() < 0.5);
      const bins = shortfallBySecondObjective(subset, front, 7);
      const lacking = hypervolume(front, [1, 1]) - (subset.length === 0 ? 0 : hypervolume(subset, [1, 1]));
      expect(bins.reduce((sum, value) => sum + value, 0)).toBeCloseTo(lacking, 10);
      expect(bins.every((value) => value >= 0)).toBe(true);
      expect(shortfallBySecondObjective(front, front, 7).every((value) => value === 0)).toBe(true);
      // Dominated extra points change nothing.
      const padded = [...subset, ...subset.map(([a, b]) => [(a as number) + 0.01, (b as number) + 0.01])];
      expect(shortfallBySecondObjective(padded, front, 7)).toEqual(bins);
    }
  });

  it('refuses a bad bin count or range', () => {
    expect(() => shortfallBySecondObjective([], [], 0)).toThrow(/bins/);
    expect(() => shortfallBySecondObjective([], [], 3, 1.5)).toThrow(/upto/);
    expect(() => shortfallBySecondObjective([[0.1, 0.2, 0.3]], [], 3)).toThrow(/two objectives/);
    expect(() => shortfallBySecondObjective([[Number.NaN, 0.2]], [], 3)).toThrow();
  });
});
