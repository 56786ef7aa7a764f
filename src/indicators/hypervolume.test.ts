import { describe, expect, it } from 'vitest';
import { CarveError } from '../core/errors.js';
import { createRng, shuffle } from '../core/rng.js';
import { hypervolume } from './hypervolume.js';
import { gridHypervolume, inclusionExclusionHypervolume } from './testing/brute-force.js';
import { gridPoints, spherePoints, uniformPoints } from './testing/random-points.js';

/** The integer points of the simplex x_1 + ... + x_m = size, all coordinates >= 0. */
function simplexLattice(dimension: number, size: number): number[][] {
  if (dimension === 1) return [[size]];
  const points: number[][] = [];
  for (let first = 0; first <= size; first += 1) {
    for (const rest of simplexLattice(dimension - 1, size - first)) points.push([first, ...rest]);
  }
  return points;
}

/** Unit cells [a, a+1)^m of [0, size)^m with coordinate sum >= size: exactly those the simplex lattice covers. */
function coveredCellCount(dimension: number, size: number): number {
  let count = 0;
  const visit = (depth: number, sum: number): void => {
    if (depth === dimension) {
      if (sum >= size) count += 1;
      return;
    }
    for (let value = 0; value < size; value += 1) visit(depth + 1, sum + value);
  };
  visit(0, 0);
  return count;
}

describe('hypervolume: hand-computed values', () => {
  it('1-D: the distance from the best point to the reference', () => {
    expect(hypervolume([[3], [1], [5]], [4])).toBe(3);
  });

  it('2-D staircase', () => {
    expect(hypervolume([[1, 3], [2, 2], [3, 1]], [4, 4])).toBe(6);
    expect(hypervolume([[2, 2]], [4, 5])).toBe(6);
  });

  it('3-D: three boxes of 6 with pairwise overlaps 2 and a common part 1', () => {
    expect(hypervolume([[1, 2, 3], [2, 3, 1], [3, 1, 2]], [4, 4, 4])).toBe(13);
  });

  it('4-D: three 2-cell boxes sharing one cell', () => {
    expect(hypervolume([[1, 2, 2, 2], [2, 2, 2, 1]], [3, 3, 3, 3])).toBe(3);
    expect(hypervolume([[1, 2, 2, 2], [2, 2, 2, 1], [2, 1, 2, 2]], [3, 3, 3, 3])).toBe(4);
  });

  it('5-D: one box, and two boxes minus their intersection', () => {
    const reference = [10, 10, 10, 10, 10];
    expect(hypervolume([[1, 2, 3, 4, 5]], reference)).toBe(9 * 8 * 7 * 6 * 5);
    // Boxes of 15120 each; their intersection starts at (5, 4, 3, 4, 5): 5 * 6 * 7 * 6 * 5 = 6300.
    expect(hypervolume([[1, 2, 3, 4, 5], [5, 4, 3, 2, 1]], reference)).toBe(2 * 15120 - 6300);
  });

  it('6-D: one box', () => {
    expect(hypervolume([[0, 0, 0, 0, 0, 0.5]], [1, 2, 1, 1, 1, 1])).toBe(1);
  });
});

describe('hypervolume: analytic fronts', () => {
  it('the linear front x + y = 1 sampled at N + 1 points has (N - 1) / (2N), tending to 1/2', () => {
    for (const size of [10, 1000, 100_000]) {
      const points = Array.from({ length: size + 1 }, (_, i) => [i / size, 1 - i / size]);
      // The two end points touch the reference and contribute nothing.
      expect(hypervolume(points, [1, 1])).toBeCloseTo((size - 1) / (2 * size), 12);
    }
  });

  // The simplex lattice covers exactly the unit cells whose corner sum is >= N: an exact count.
  for (const [dimension, size] of [[2, 40], [3, 30], [4, 10], [5, 6], [6, 4]] as const) {
    it(`the ${dimension}-D simplex lattice of size ${size} covers the counted cells`, () => {
      const points = simplexLattice(dimension, size);
      const reference = new Array<number>(dimension).fill(size);
      expect(hypervolume(points, reference)).toBe(coveredCellCount(dimension, size));
    });
  }

  it('the 3-D linear front tends to 5/6 of the unit cube', () => {
    const size = 200;
    const points = simplexLattice(3, size).map((point) => point.map((value) => value / size));
    const volume = hypervolume(points, [1, 1, 1]);
    // 20,000 inexact coordinates (i / 200): allow accumulated rounding.
    expect(volume).toBeCloseTo(coveredCellCount(3, size) / size ** 3, 10);
    expect(Math.abs(volume - 5 / 6)).toBeLessThan(0.01);
  });

  it('a constant extra objective multiplies the volume by its distance to the reference', () => {
    const rng = createRng(41);
    const base = spherePoints(rng, 300, 3);
    const volume3d = hypervolume(base, [1, 1, 1]);
    expect(hypervolume(base.map((point) => [...point, 0.25]), [1, 1, 1, 1])).toBeCloseTo(volume3d * 0.75, 12);
    const small = base.slice(0, 60);
    expect(hypervolume(small.map((point) => [0.5, ...point, 0.5]), [1, 1, 1, 1, 1])).toBeCloseTo(
      hypervolume(small, [1, 1, 1]) * 0.25,
      12,
    );
  });
});

describe('hypervolume: ties, duplicates, the reference and empty input', () => {
  it('ignores points that are not strictly better than the reference in every objective', () => {
    expect(hypervolume([[4, 0], [0, 4], [5, 5]], [4, 4])).toBe(0);
    expect(hypervolume([[1, 1], [4, 0], [0, 4], [2, 5]], [4, 4])).toBe(9);
    expect(hypervolume([[1, 1, 1, 1], [0, 0, 0, 4]], [2, 2, 2, 2])).toBe(1);
  });

  it('is 0 for no points', () => {
    expect(hypervolume([], [1, 1])).toBe(0);
    expect(hypervolume([], [1, 1, 1, 1, 1])).toBe(0);
  });

  it('does not change when points are duplicated, dominated points are added, or the order changes', () => {
    const rng = createRng(12);
    for (let dimension = 2; dimension <= 5; dimension += 1) {
      const points = gridPoints(rng, 25, dimension, 5);
      const reference = new Array<number>(dimension).fill(5);
      const volume = hypervolume(points, reference);
      expect(hypervolume([...points, ...points], reference)).toBe(volume);
      expect(hypervolume([...points, ...points.map((point) => point.map((value) => value + 1))], reference)).toBe(volume);
      expect(hypervolume(shuffle([...points], rng), reference)).toBe(volume);
    }
  });

  it('handles whole-number ties in one or more coordinates', () => {
    // Same first objective, then same second objective, then a full tie.
    expect(hypervolume([[1, 2], [1, 1], [2, 1], [2, 1]], [3, 3])).toBe(4);
    // Three boxes of 4, pairwise overlaps of 2, a common cell of 1: 12 - 6 + 1; the copy adds nothing.
    expect(hypervolume([[1, 1, 2], [1, 2, 1], [2, 1, 1], [1, 1, 2]], [3, 3, 3])).toBe(7);
  });
});

describe('hypervolume: random sets against independent brute force', () => {
  it('equals inclusion-exclusion on up to 12 points in 2 to 6 objectives', () => {
    const rng = createRng(1);
    for (let dimension = 2; dimension <= 6; dimension += 1) {
      for (let trial = 0; trial < 8; trial += 1) {
        const count = 1 + rng.int(dimension >= 5 ? 10 : 12);
        const reference = new Array<number>(dimension).fill(1);
        const continuous = uniformPoints(rng, count, dimension);
        expect(hypervolume(continuous, reference)).toBeCloseTo(inclusionExclusionHypervolume(continuous, reference), 12);
        // Integer grids: ties everywhere, and exact arithmetic, so equality is exact.
        const grid = gridPoints(rng, count, dimension, 4);
        const gridReference = new Array<number>(dimension).fill(3);
        expect(hypervolume(grid, gridReference)).toBe(inclusionExclusionHypervolume(grid, gridReference));
      }
    }
  });

  it('equals the covered-cell count on moderate sets in 2 to 6 objectives', () => {
    const rng = createRng(2);
    const sizes: Record<number, number> = { 2: 150, 3: 40, 4: 18, 5: 11, 6: 8 };
    for (let dimension = 2; dimension <= 6; dimension += 1) {
      const count = sizes[dimension] as number;
      const reference = new Array<number>(dimension).fill(1.05);
      for (const points of [uniformPoints(rng, count, dimension), spherePoints(rng, count, dimension)]) {
        expect(hypervolume(points, reference)).toBeCloseTo(gridHypervolume(points, reference), 11);
      }
      const grid = gridPoints(rng, count, dimension, 6);
      expect(hypervolume(grid, new Array<number>(dimension).fill(5))).toBe(gridHypervolume(grid, new Array<number>(dimension).fill(5)));
    }
  });

  it('equals the covered-cell count on sets large enough for the radix path', () => {
    const rng = createRng(3);
    const flat = gridPoints(rng, 5000, 2, 60);
    expect(hypervolume(flat, [55, 58])).toBe(gridHypervolume(flat, [55, 58]));
    const solid = gridPoints(rng, 2500, 3, 14).map((point) => point.map((value) => value + (value % 2) * 0.5));
    expect(hypervolume(solid, [13, 13, 13])).toBe(gridHypervolume(solid, [13, 13, 13]));
  });
});

describe('hypervolume: input checks', () => {
  it('names the reference when its length or values are wrong', () => {
    const fieldOf = (run: () => unknown): string | undefined => {
      try {
        run();
      } catch (error) {
        expect(error).toBeInstanceOf(CarveError);
        expect((error as CarveError).code).toBe('BAD_INPUT');
        return (error as CarveError).field;
      }
      return 'no error';
    };
    expect(fieldOf(() => hypervolume([[1, 2]], [3]))).toBe('reference');
    expect(fieldOf(() => hypervolume([[1, 2]], [3, Number.NaN]))).toBe('reference');
    expect(fieldOf(() => hypervolume([[1, 2]], []))).toBe('reference');
    expect(fieldOf(() => hypervolume([], [1, Infinity]))).toBe('reference');
    expect(fieldOf(() => hypervolume([[1, 2], [1]], [3, 3]))).toBe('points');
    expect(fieldOf(() => hypervolume([[1, Number.NaN]], [3, 3]))).toBe('points');
  });
});
