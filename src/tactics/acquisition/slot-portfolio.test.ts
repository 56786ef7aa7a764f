import { describe, expect, it } from 'vitest';

import { SlotPortfolio } from './slot-portfolio.js';

describe('SlotPortfolio', () => {
  it('gives the defaults until a pick has been credited with a gain', () => {
    const portfolio = new SlotPortfolio([2, 2, 2, 4]);
    expect(portfolio.quotas()).toEqual([2, 2, 2, 4]);
    portfolio.record('a', 0);
    portfolio.settle(new Map([['a', 0]]));
    expect(portfolio.quotas()).toEqual([2, 2, 2, 4]);
  });

  it('keeps one slot per category and shares the rest by mean gain per pick (known answer)', () => {
    const portfolio = new SlotPortfolio([2, 2, 2, 4]);
    // category 0: two picks, gains 0.3 and 0.1 -> mean 0.2; category 2: one pick, 0.6; category 3: four picks, one 0.4
    // -> mean 0.1; category 1: one pick with no gain recorded (failed) -> 0.
    for (const [key, category] of [['a', 0], ['b', 0], ['c', 2], ['d', 3], ['e', 3], ['f', 3], ['g', 3], ['h', 1]] as const) portfolio.record(key, category);
    expect(portfolio.pending).toBe(8);
    portfolio.settle(new Map([['a', 0.3], ['b', 0.1], ['c', 0.6], ['d', 0.4]]));
    expect(portfolio.pending).toBe(0);
    // credits 0.2, 0, 0.6, 0.1 (sum 0.9); spare 6 -> shares 1.333, 0, 4, 0.667 -> floors 1+1, 1+0, 1+4, 1+0 = 9,
    // the last slot to the largest remainder (category 3, 0.667).
    expect(portfolio.quotas()).toEqual([2, 1, 5, 2]);
  });

  it('forgets: after a batch with no gains, the credits halve but keep their proportions; after more, others win back', () => {
    const portfolio = new SlotPortfolio([1, 1, 2]);
    portfolio.record('a', 0);
    portfolio.settle(new Map([['a', 1]]));
    expect(portfolio.quotas()).toEqual([2, 1, 1]);
    portfolio.settle(new Map());
    expect(portfolio.quotas()).toEqual([2, 1, 1]);
    // category 2 now pays 1 per pick: credits 0.25 and 1 -> spare 1 goes to category 2.
    portfolio.record('b', 2);
    portfolio.record('c', 2);
    portfolio.settle(new Map([['b', 1], ['c', 1]]));
    expect(portfolio.quotas()).toEqual([1, 1, 2]);
  });

  it('never gives a slot to a category whose default is zero, and always adds up to the total', () => {
    const portfolio = new SlotPortfolio([3, 0, 2]);
    portfolio.record('a', 1);
    portfolio.record('b', 2);
    portfolio.settle(new Map([['a', 5], ['b', 0.1]]));
    const quotas = portfolio.quotas();
    expect(quotas[1]).toBe(0);
    expect(quotas.reduce((sum, value) => sum + value, 0)).toBe(5);
    expect(quotas).toEqual([1, 0, 4]);
  });

  it('refuses bad counts, decays and categories', () => {
    expect(() => new SlotPortfolio([1, -1])).toThrow(/integers >= 0/);
    expect(() => new SlotPortfolio([1, 1], 1)).toThrow(/decay/);
    expect(() => new SlotPortfolio([1, 1]).record('a', 2)).toThrow(/no slot category 2/);
  });
});
