import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import {
  bruteContributions,
  bruteIgdPlus,
  bruteNonDominatedSort,
  bruteParetoIndices,
  gridHypervolume,
  inclusionExclusionHypervolume,
} from './brute-force.js';
import { gridPoints, uniformPoints } from './random-points.js';

// The references must themselves be right: check them on hand-computed values and against each other.
describe('brute-force references', () => {
  it('compute hand-checked hypervolumes', () => {
    const points = [[1, 3], [2, 2], [3, 1]];
    expect(inclusionExclusionHypervolume(points, [4, 4])).toBe(6);
    expect(gridHypervolume(points, [4, 4])).toBe(6);
    const cube = [[1, 2, 3], [2, 3, 1], [3, 1, 2]];
    expect(inclusionExclusionHypervolume(cube, [4, 4, 4])).toBe(13);
    expect(gridHypervolume(cube, [4, 4, 4])).toBe(13);
    expect(gridHypervolume([[5, 0]], [4, 4])).toBe(0);
  });

  it('agree with each other on random sets', () => {
    const rng = createRng(7);
    for (let dimension = 2; dimension <= 5; dimension += 1) {
      for (let trial = 0; trial < 5; trial += 1) {
        const points = uniformPoints(rng, 7, dimension);
        const reference = new Array<number>(dimension).fill(1);
        expect(gridHypervolume(points, reference)).toBeCloseTo(inclusionExclusionHypervolume(points, reference), 12);
      }
    }
  });

  it('find fronts, sort and measure as by hand', () => {
    const points = [[1, 1], [2, 2], [1, 1], [0, 3], [3, 3]];
    expect(bruteParetoIndices(points)).toEqual([0, 2, 3]);
    expect(bruteNonDominatedSort(points)).toEqual([[0, 2, 3], [1], [4]]);
    expect(bruteContributions([[1, 3], [2, 2], [3, 1]], [4, 4])).toEqual([1, 1, 1]);
    expect(bruteIgdPlus([[1, 1]], [[0, 0], [2, 2]])).toBeCloseTo(Math.SQRT2 / 2, 12);
    const rng = createRng(3);
    const grid = gridPoints(rng, 30, 3, 3);
    const fronts = bruteNonDominatedSort(grid);
    expect(fronts[0]).toEqual(bruteParetoIndices(grid));
    expect(fronts.flat().sort((a, b) => a - b)).toEqual(grid.map((_, i) => i));
  });
});
