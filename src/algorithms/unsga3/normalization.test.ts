import { describe, expect, it } from 'vitest';
import { dasDennis } from '../decomposition/das-dennis.js';
import { associate, perpendicularDistance } from './association.js';
import { axisAsf, extremePoints, nadirPoint, normalizePoints, worstPoint } from './normalization.js';

const round = (values: readonly number[]): number[] => values.map((value) => Number(value.toFixed(6)));

describe('NSGA-III normalisation and association on a hand-worked example', () => {
  // A, B, C, D non-dominated; E dominated by B; F by E. Ideal (1, 1).
  const points = [
    [1, 5],
    [2, 3],
    [4, 2],
    [6, 1],
    [3, 4],
    [7, 7],
  ];
  const ideal = [1, 1];

  it('finds the extremes by the axis ASF: D for the first objective, A for the second', () => {
    expect(axisAsf([6, 1], ideal, 0)).toBe(5);
    expect(axisAsf([1, 5], ideal, 1)).toBe(4);
    expect(axisAsf([2, 3], ideal, 0)).toBeCloseTo(2e6, 3);
    expect(extremePoints(points, ideal)).toEqual([
      [6, 1],
      [1, 5],
    ]);
  });

  it('puts the nadir at ideal + intercepts of the plane through them: (6, 5)', () => {
    const nadir = nadirPoint({
      ideal,
      extremes: extremePoints(points, ideal),
      worstOfFront: worstPoint(points.slice(0, 4), 2),
      worstOfAll: worstPoint(points, 2),
    });
    expect(round(nadir)).toEqual([6, 5]);
    expect(normalizePoints(points, ideal, nadir).map(round)).toEqual([
      [0, 1],
      [0.2, 0.5],
      [0.6, 0.25],
      [1, 0],
      [0.4, 0.75],
      [1.2, 1.5],
    ]);
  });

  it('associates each point with the nearest Das-Dennis direction (2 objectives, 4 partitions)', () => {
    const normalized = normalizePoints(points, ideal, [6, 5]);
    const { niche, distance } = associate(normalized, dasDennis(2, 4));
    // By hand: B projects on (1, 3) at (0.17, 0.51), 0.0316 away; C on (3, 1) at (0.615, 0.205), 0.0474 away.
    expect(niche).toEqual([0, 1, 3, 4, 1, 2]);
    expect(round(distance)).toEqual(round([0, Math.sqrt(0.001), Math.sqrt(0.00225), 0, Math.sqrt(0.02025), Math.sqrt(0.045)]));
    expect(perpendicularDistance([1, 0], [1, 1])).toBeCloseTo(Math.SQRT1_2, 12);
  });
});

describe('nadirPoint fallbacks', () => {
  it('uses the intercepts, clamped to the worst values', () => {
    // Plane through (4, 1) and (1, 2): x / 7 + 3 y / 7 = 1.
    const inputs = { ideal: [0, 0], extremes: [[4, 1], [1, 2]], worstOfFront: [4, 2], worstOfAll: [10, 10] };
    expect(round(nadirPoint(inputs))).toEqual(round([7, 7 / 3]));
    expect(round(nadirPoint({ ...inputs, worstOfAll: [5, 10] }))).toEqual(round([5, 7 / 3]));
  });

  it('falls back to the worst of the first front on a negative intercept or a singular plane', () => {
    expect(nadirPoint({ ideal: [0, 0], extremes: [[1, 0], [2, 1]], worstOfFront: [3, 4], worstOfAll: [9, 9] })).toEqual([3, 4]);
    expect(nadirPoint({ ideal: [1, 1], extremes: [[1, 1], [1, 1]], worstOfFront: [2, 3], worstOfAll: [9, 9] })).toEqual([2, 3]);
  });

  it('replaces a degenerate range by the worst of all, or by 1 when there is none', () => {
    expect(nadirPoint({ ideal: [0, 0], extremes: [[1, 1], [1, 1]], worstOfFront: [0, 4], worstOfAll: [2, 9] })).toEqual([2, 4]);
    expect(nadirPoint({ ideal: [5, 0], extremes: [[5, 1], [5, 1]], worstOfFront: [5, 4], worstOfAll: [5, 9] })).toEqual([6, 4]);
  });
});
