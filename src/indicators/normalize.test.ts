import { describe, expect, it } from 'vitest';
import { CarveError } from '../core/errors.js';
import { normalize, toMinimizationPoints } from './normalize.js';

describe('normalize', () => {
  it('maps ideal to 0 and nadir to 1 per objective without clipping', () => {
    expect(normalize([[2, 10], [4, 20], [6, 30]], [2, 10], [6, 30])).toEqual([[0, 0], [0.5, 0.5], [1, 1]]);
    expect(normalize([[8, 0]], [2, 10], [6, 30])).toEqual([[1.5, -0.5]]);
  });

  it('maps an objective with ideal equal to nadir to 0', () => {
    expect(normalize([[3, 5], [4, 5]], [3, 5], [4, 5])).toEqual([[0, 0], [1, 0]]);
  });

  it('rejects a nadir below the ideal or vectors of the wrong length', () => {
    expect(() => normalize([[1, 2]], [0, 3], [1, 2])).toThrow(/nadir\[1\]/);
    expect(() => normalize([[1, 2]], [0], [1, 2])).toThrow(CarveError);
    expect(normalize([], [0, 0], [1, 1])).toEqual([]);
  });
});

describe('toMinimizationPoints', () => {
  it('negates the maximised objectives only', () => {
    expect(toMinimizationPoints([[0.9, 12], [0.7, 3]], ['maximize', 'minimize'])).toEqual([[-0.9, 12], [-0.7, 3]]);
  });

  it('rejects directions of the wrong length or value', () => {
    expect(() => toMinimizationPoints([[1, 2]], ['minimize'])).toThrow(/directions/);
    expect(() => toMinimizationPoints([[1, 2]], ['minimize', 'up' as 'minimize'])).toThrow(CarveError);
  });
});
