import { describe, expect, it } from 'vitest';
import { CarveError } from '../core/errors.js';
import { createRng } from '../core/rng.js';
import { paretoFront, paretoFrontIndices } from './pareto-front.js';
import { bruteParetoIndices } from './testing/brute-force.js';
import { gridPoints, spherePoints, uniformPoints } from './testing/random-points.js';

function distinctInOrder(points: number[][], indices: number[]): number[][] {
  const seen = new Set<string>();
  const result: number[][] = [];
  for (const index of indices) {
    const point = points[index] as number[];
    const key = point.join(',');
    if (!seen.has(key)) {
      seen.add(key);
      result.push(point);
    }
  }
  return result;
}

describe('paretoFrontIndices / paretoFront', () => {
  it('find the front of a hand-made 2-D set with ties and duplicates', () => {
    const points = [
      [1, 5], // front
      [2, 3], // front
      [2, 4], // dominated by [2, 3] (tie in the first objective)
      [4, 1], // front
      [2, 3], // copy of a front point
      [5, 1], // dominated by [4, 1] (tie in the second objective)
      [3, 3], // dominated by [2, 3]
    ];
    expect(paretoFrontIndices(points)).toEqual([0, 1, 3, 4]);
    expect(paretoFront(points)).toEqual([[1, 5], [2, 3], [4, 1]]);
  });

  it('handle 1-D, single points, all-equal sets and empty input', () => {
    expect(paretoFrontIndices([[3], [1], [2], [1]])).toEqual([1, 3]);
    expect(paretoFront([[3], [1], [2], [1]])).toEqual([[1]]);
    expect(paretoFrontIndices([[7, 7, 7]])).toEqual([0]);
    expect(paretoFrontIndices([[1, 2, 3, 4], [1, 2, 3, 4]])).toEqual([0, 1]);
    expect(paretoFront([[1, 2, 3, 4], [1, 2, 3, 4]])).toEqual([[1, 2, 3, 4]]);
    expect(paretoFrontIndices([])).toEqual([]);
    expect(paretoFront([])).toEqual([]);
  });

  it('return copies, not the input rows', () => {
    const points = [[1, 2]];
    const front = paretoFront(points);
    (front[0] as number[])[0] = 99;
    expect(points[0]).toEqual([1, 2]);
  });

  it('find the 3-D and 4-D fronts of hand-made sets', () => {
    const cube = [[1, 2, 3], [2, 1, 3], [1, 2, 4], [3, 3, 0], [1, 2, 3], [2, 2, 2]];
    expect(paretoFrontIndices(cube)).toEqual([0, 1, 3, 4, 5]);
    const four = [[1, 1, 1, 2], [1, 1, 2, 1], [1, 1, 2, 2], [0, 5, 5, 5]];
    expect(paretoFrontIndices(four)).toEqual([0, 1, 3]);
  });

  it('match the O(n^2) brute force on random sets in 1 to 6 objectives', () => {
    const rng = createRng(2024);
    for (let dimension = 1; dimension <= 6; dimension += 1) {
      for (let trial = 0; trial < 6; trial += 1) {
        const count = 1 + rng.int(120);
        const sets = [uniformPoints(rng, count, dimension), gridPoints(rng, count, dimension, 3), spherePoints(rng, count, dimension)];
        for (const points of sets) {
          const expected = bruteParetoIndices(points);
          expect(paretoFrontIndices(points)).toEqual(expected);
          expect(paretoFront(points)).toEqual(distinctInOrder(points, expected));
        }
      }
    }
  });

  it('match the brute force on sets large enough for the radix path (2-D and 3-D)', () => {
    const rng = createRng(99);
    for (const dimension of [2, 3]) {
      const points = gridPoints(rng, 3000, dimension, 60);
      expect(paretoFrontIndices(points)).toEqual(bruteParetoIndices(points));
      const sphere = spherePoints(rng, 2500, dimension);
      expect(paretoFrontIndices(sphere)).toEqual(sphere.map((_, i) => i));
    }
  });

  it('reject ragged, non-finite or non-array input naming the argument', () => {
    const failure = (run: () => unknown): CarveError => {
      try {
        run();
      } catch (error) {
        return error as CarveError;
      }
      throw new Error('expected an error');
    };
    const ragged = failure(() => paretoFrontIndices([[1, 2], [3]]));
    expect(ragged).toBeInstanceOf(CarveError);
    expect(ragged.code).toBe('BAD_INPUT');
    expect(ragged.field).toBe('points');
    expect(ragged.message).toContain('points[1]');
    expect(failure(() => paretoFront([[1, Number.NaN]])).message).toContain('points[0][1]');
    expect(failure(() => paretoFront([[1, Infinity]])).field).toBe('points');
    expect(failure(() => paretoFront([[]])).field).toBe('points');
    expect(failure(() => paretoFront('nope' as unknown as number[][])).field).toBe('points');
  });
});
