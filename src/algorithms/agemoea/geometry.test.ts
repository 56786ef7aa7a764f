import { describe, expect, it } from 'vitest';
import { firstFrontScores } from './agemoea-survival.js';
import {
  cornerSolutions,
  estimateGeometry,
  interceptNormalization,
  MAX_P,
  minkowskiDistance,
  minkowskiNorm,
  solveLinear,
  squaredDistanceToLine,
} from './geometry.js';

/** 21 points of the front x^p + y^p = 1, evenly spread in angle so the 11th lies on the diagonal. */
function front2d(p: number): number[][] {
  return Array.from({ length: 21 }, (_, step) => {
    const angle = (step / 20) * (Math.PI / 2);
    const x = Math.cos(angle);
    const y = Math.sin(angle);
    const scale = (x ** p + y ** p) ** (1 / p);
    return [x / scale, y / scale];
  });
}

describe('Minkowski norms and distances', () => {
  it('computes Lp values by hand', () => {
    expect(minkowskiNorm([3, 4], 2)).toBeCloseTo(5, 12);
    expect(minkowskiNorm([3, -4], 1)).toBeCloseTo(7, 12);
    expect(minkowskiNorm([0.5, 0.5], 0.5)).toBeCloseTo(2, 12); // (2 * sqrt(0.5))^2
    expect(minkowskiDistance([1, 1], [4, 5], 2)).toBeCloseTo(5, 12);
  });

  it('measures the squared distance to a line through the origin', () => {
    expect(squaredDistanceToLine([1, 0], [1, 1])).toBeCloseTo(0.5, 12);
    expect(squaredDistanceToLine([2, 2, 2], [1, 1, 1])).toBeCloseTo(0, 12);
    expect(squaredDistanceToLine([3, 4], [1, 0])).toBeCloseTo(16, 12);
  });
});

describe('cornerSolutions and interceptNormalization', () => {
  it('picks, per axis, the point nearest that axis', () => {
    const translated = [
      [0, 4],
      [1, 2],
      [2, 1],
      [3, 0.1],
      [0.2, 3.9],
    ];
    expect(cornerSolutions(translated)).toEqual([3, 0]);
    expect(cornerSolutions([[1, 2], [2, 1]])).toEqual([0, 1]);
  });

  it('uses the intercepts of the plane through the extremes', () => {
    const translated = [
      [2, 0],
      [1, 1],
      [0, 4],
    ];
    expect(interceptNormalization(translated, [0, 2]).map((value) => Number(value.toFixed(12)))).toEqual([2, 4]);
    // The plane through (3, 1) and (1, 3) is x + y = 4.
    const tilted = [
      [3, 1],
      [2, 2],
      [1, 3],
    ];
    expect(interceptNormalization(tilted, [0, 2]).map((value) => Number(value.toFixed(12)))).toEqual([4, 4]);
  });

  it('falls back to the largest values when the extremes repeat or the plane has a negative intercept', () => {
    const translated = [
      [2, 0],
      [1, 3],
      [0, 1],
    ];
    expect(interceptNormalization(translated, [0, 0])).toEqual([2, 3]);
    // Through (1, 0) and (2, 1): slope 1, y-intercept -1.
    expect(interceptNormalization([[1, 0], [2, 1]], [0, 1])).toEqual([2, 1]);
    // A zero column divides by 1.
    expect(interceptNormalization([[0, 0], [0, 0]], [0, 0])).toEqual([1, 1]);
  });

  it('solves small linear systems and reports singular ones', () => {
    const solution = solveLinear(
      [
        [2, 1],
        [1, 3],
      ],
      [3, 5],
    );
    expect(solution?.map((value) => Number(value.toFixed(12)))).toEqual([0.8, 1.4]);
    expect(
      solveLinear(
        [
          [1, 2],
          [2, 4],
        ],
        [1, 1],
      ),
    ).toBeNull();
  });
});

describe('estimateGeometry on analytic fronts', () => {
  it('finds p = 1 on a linear front, 2 on a quarter circle, 0.5 on a convex and 3 on a concave one', () => {
    for (const p of [1, 2, 0.5, 3]) {
      const points = front2d(p);
      expect(estimateGeometry(points, [0, 20])).toBeCloseTo(p, 9);
      // The whole pipeline, on a front shifted and scaled differently per objective, recovers it too.
      const scaled = points.map(([x, y]) => [10 + 100 * (x as number), -3 + 0.01 * (y as number)]);
      expect(firstFrontScores(scaled).geometry.p).toBeCloseTo(p, 6);
    }
  });

  it('finds p = 2 on the positive octant of a sphere in three objectives', () => {
    const points: number[][] = [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
      [1 / Math.sqrt(3), 1 / Math.sqrt(3), 1 / Math.sqrt(3)],
      [0.8, 0.6, 0],
      [0, 0.6, 0.8],
    ];
    expect(estimateGeometry(points, [0, 1, 2])).toBeCloseTo(2, 9);
    expect(firstFrontScores(points).geometry.p).toBeCloseTo(2, 9);
  });

  it('clamps: p = 1 when the centre is at or beyond the extremes plane, MAX_P for a nearly square front', () => {
    expect(estimateGeometry([[1, 0], [1.2, 1.2], [0, 1]], [0, 2])).toBe(1);
    expect(estimateGeometry([[1, 0], [0.99999, 0.99999], [0, 1]], [0, 2])).toBe(MAX_P);
    expect(estimateGeometry([[1, 0], [0, 1]], [0, 1])).toBe(1); // nothing but extremes
  });
});
