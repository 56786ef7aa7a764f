import { describe, expect, it } from 'vitest';
import { tchebycheff } from './tchebycheff.js';

describe('tchebycheff', () => {
  it('is the largest weighted distance from the ideal point', () => {
    expect(tchebycheff([3, 2], [0.5, 0.5], [1, 1])).toBe(1); // max(0.5 * 2, 0.5 * 1)
    expect(tchebycheff([3, 2], [0.25, 0.75], [1, 1])).toBe(0.75); // max(0.5, 0.75)
    expect(tchebycheff([0.2, 0.9, 0.4], [0.2, 0.3, 0.5], [0, 0, 0])).toBeCloseTo(0.27, 12); // max(0.04, 0.27, 0.2)
    expect(tchebycheff([1, 1], [1, 0], [1, 1])).toBe(0);
  });

  it('divides each difference by the scale when given', () => {
    expect(tchebycheff([3, 12], [0.5, 0.5], [1, 2], [2, 10])).toBe(0.5); // max(0.5 * 1, 0.5 * 1)
    expect(tchebycheff([3, 22], [0.5, 0.5], [1, 2], [2, 10])).toBe(1); // max(0.5 * 1, 0.5 * 2)
  });

  it('prefers the point nearer the ideal along the weight direction', () => {
    const ideal = [0, 0];
    const weights = [0.5, 0.5];
    expect(tchebycheff([0.4, 0.4], weights, ideal)).toBeLessThan(tchebycheff([0.1, 0.9], weights, ideal));
    expect(tchebycheff([0.1, 0.9], [0.9, 0.1], ideal)).toBeLessThan(tchebycheff([0.4, 0.4], [0.9, 0.1], ideal));
  });
});
