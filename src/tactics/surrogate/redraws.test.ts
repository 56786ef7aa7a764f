import { describe, expect, it } from 'vitest';
import { worthValidating } from './redraws.js';

describe('worthValidating', () => {
  it('drops a candidate whose function is known at no lower cost, keeps one predicted cheaper by more than the tolerance', () => {
    const worth = worthValidating({
      candidateKeys: ['a', 'a', 'a', 'b'],
      candidateCosts: [[5], [4.95], [4], [9]],
      knownKeys: ['a'],
      knownCosts: [[5]],
      tolerance: [0.1],
    });
    // 5 is no cheaper than the known 5; 4.95 is within the tolerance; 4 is cheaper; 'b' is a new function.
    expect(worth).toEqual([false, false, true, true]);
  });

  it('keeps only the cheapest unseen candidate of a function, the first given when costs tie', () => {
    expect(
      worthValidating({ candidateKeys: ['f', 'f', 'f', 'g', 'g'], candidateCosts: [[3], [2], [2], [1], [1]], knownKeys: [], knownCosts: [], tolerance: [0] }),
    ).toEqual([false, true, false, true, false]);
  });

  it('with several costs, keeps a candidate cheaper in one of them', () => {
    const worth = worthValidating({
      candidateKeys: ['x', 'x', 'x'],
      candidateCosts: [
        [1, 10], // cheaper in the first cost than the known (2, 5)
        [3, 6], // dearer in both
        [2, 5], // equal
      ],
      knownKeys: ['x'],
      knownCosts: [[2, 5]],
      tolerance: [0, 0],
    });
    expect(worth).toEqual([true, false, false]);
  });

  it('without cost objectives validates each function once', () => {
    expect(worthValidating({ candidateKeys: ['p', 'q', 'q', 'r'], candidateCosts: [[], [], [], []], knownKeys: ['p'], knownCosts: [[]], tolerance: [] })).toEqual([
      false,
      true,
      false,
      true,
    ]);
  });

  it('refuses keys without costs', () => {
    expect(() => worthValidating({ candidateKeys: ['a'], candidateCosts: [], knownKeys: [], knownCosts: [], tolerance: [] })).toThrow(RangeError);
  });
});
