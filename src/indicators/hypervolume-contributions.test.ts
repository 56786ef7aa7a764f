import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.js';
import { hypervolumeContributions } from './hypervolume-contributions.js';
import { bruteContributions } from './testing/brute-force.js';
import { gridPoints, spherePoints, uniformPoints } from './testing/random-points.js';

describe('hypervolumeContributions', () => {
  it('gives each point of a 2-D staircase its own rectangle', () => {
    expect(hypervolumeContributions([[1, 3], [2, 2], [3, 1]], [4, 4])).toEqual([1, 1, 1]);
    // Boxes 3 and 6 overlapping in 2 (total 7): removing either loses 1 and 4.
    expect(hypervolumeContributions([[1, 3], [2, 1]], [4, 4])).toEqual([1, 4]);
  });

  it('counts what the points a front point dominates still cover after its removal', () => {
    // [1, 1] alone dominates [2, 2]: removing it leaves [2, 2]'s box of 1 out of 4.
    expect(hypervolumeContributions([[1, 1], [2, 2]], [3, 3])).toEqual([3, 0]);
    expect(hypervolumeContributions([[1, 1, 1], [2, 2, 2]], [3, 3, 3])).toEqual([7, 0]);
    expect(hypervolumeContributions([[1, 3], [1, 3.5], [2, 2], [3, 3], [2.5, 1]], [4, 4])).toEqual([0.5, 0, 0.5, 0, 1.5]);
  });

  it('gives duplicates, dominated points and points outside the reference 0', () => {
    const points = [[1, 3], [2, 2], [2, 2], [3, 1], [3, 3], [5, 0], [4, 1]];
    expect(hypervolumeContributions(points, [4, 4])).toEqual([1, 0, 0, 1, 0, 0, 0]);
  });

  it('matches hand values in 3-D and 4-D', () => {
    // Three boxes of 6, overlaps of 2 and a common 1 (total 13); without any one of them, 10 remains.
    expect(hypervolumeContributions([[1, 2, 3], [2, 3, 1], [3, 1, 2]], [4, 4, 4])).toEqual([3, 3, 3]);
    // Three 2-cell boxes sharing one cell: each owns one cell.
    expect(hypervolumeContributions([[1, 2, 2, 2], [2, 2, 2, 1], [2, 1, 2, 2]], [3, 3, 3, 3])).toEqual([1, 1, 1]);
  });

  it('handles 1-D and empty input', () => {
    expect(hypervolumeContributions([[3], [1], [2]], [4])).toEqual([0, 1, 0]);
    expect(hypervolumeContributions([], [1, 1])).toEqual([]);
  });

  it('matches HV(all) - HV(all but one) by cell counting on random sets in 2 to 5 objectives', () => {
    const rng = createRng(77);
    const sizes: Record<number, number> = { 2: 40, 3: 20, 4: 10, 5: 8 };
    for (let dimension = 2; dimension <= 5; dimension += 1) {
      const count = sizes[dimension] as number;
      const reference = new Array<number>(dimension).fill(1);
      for (const points of [uniformPoints(rng, count, dimension), spherePoints(rng, count, dimension)]) {
        const expected = bruteContributions(points, reference);
        hypervolumeContributions(points, reference).forEach((value, k) => expect(value).toBeCloseTo(expected[k] as number, 11));
      }
      const grid = gridPoints(rng, dimension === 2 ? 60 : count, dimension, 4);
      const gridReference = new Array<number>(dimension).fill(3);
      expect(hypervolumeContributions(grid, gridReference)).toEqual(bruteContributions(grid, gridReference));
    }
  });
});
