import { describe, expect, it } from 'vitest';
import { dominates, weaklyDominates } from './dominance.js';

describe('dominates / weaklyDominates', () => {
  it('needs no worse everywhere and better somewhere; equal points only weakly dominate', () => {
    expect(dominates([1, 2], [1, 3])).toBe(true);
    expect(dominates([1, 3], [1, 2])).toBe(false);
    expect(dominates([1, 2], [1, 2])).toBe(false);
    expect(dominates([0, 5], [1, 2])).toBe(false);
    expect(weaklyDominates([1, 2], [1, 2])).toBe(true);
    expect(weaklyDominates([1, 2], [1, 3])).toBe(true);
    expect(weaklyDominates([2, 2], [1, 3])).toBe(false);
  });
});
