import { describe, expect, it } from 'vitest';
import { CarveError } from '../core/errors.js';
import { createRng } from '../core/rng.js';
import { igd, igdPlus } from './distance-indicators.js';
import { bruteIgdPlus } from './testing/brute-force.js';
import { uniformPoints } from './testing/random-points.js';

describe('igd and igdPlus', () => {
  const front = [[0, 1], [1, 0]];

  it('match hand values', () => {
    // From (0.5, 0.5): IGD+ counts only the worse coordinate (0.5); IGD the full distance sqrt(0.5).
    expect(igdPlus([[0.5, 0.5]], front)).toBeCloseTo(0.5, 12);
    expect(igd([[0.5, 0.5]], front)).toBeCloseTo(Math.SQRT1_2, 12);
    // The front itself scores 0.
    expect(igdPlus(front, front)).toBe(0);
    expect(igd(front, front)).toBe(0);
    // A point better than the whole front: IGD+ 0, IGD its distance sqrt(1 + 4) to each front point.
    expect(igdPlus([[-1, -1]], front)).toBe(0);
    expect(igd([[-1, -1]], front)).toBeCloseTo(Math.sqrt(5), 12);
    // Mean over the reference front of the nearest distance: (1 + 0) / 2.
    expect(igdPlus([[1, 1], [1, 0]], front)).toBeCloseTo(0.5, 12);
  });

  it('IGD+ matches the brute force on random sets and never exceeds IGD', () => {
    const rng = createRng(21);
    for (let dimension = 2; dimension <= 5; dimension += 1) {
      const points = uniformPoints(rng, 30, dimension);
      const reference = uniformPoints(rng, 25, dimension);
      expect(igdPlus(points, reference)).toBeCloseTo(bruteIgdPlus(points, reference), 12);
      expect(igdPlus(points, reference)).toBeLessThanOrEqual(igd(points, reference));
    }
  });

  it('is Infinity for no points and rejects an empty or mismatched reference front', () => {
    expect(igdPlus([], front)).toBe(Infinity);
    expect(igd([], front)).toBe(Infinity);
    expect(() => igdPlus([[1, 2]], [])).toThrow(CarveError);
    try {
      igd([[1, 2, 3]], front);
      expect.unreachable();
    } catch (error) {
      expect((error as CarveError).field).toBe('points');
    }
  });
});
