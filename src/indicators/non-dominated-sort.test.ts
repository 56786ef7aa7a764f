import { describe, expect, it } from 'vitest';
import { CarveError } from '../core/errors.js';
import { createRng } from '../core/rng.js';
import { nonDominatedSort, nonDominatedSortConstrained } from './non-dominated-sort.js';
import { bruteNonDominatedSort } from './testing/brute-force.js';
import { gridPoints, uniformPoints } from './testing/random-points.js';

describe('nonDominatedSort', () => {
  it('sorts a hand-made 2-D set with duplicates into fronts', () => {
    const points = [
      [3, 3], // front 2
      [1, 4], // front 0
      [2, 2], // front 0
      [2, 2], // front 0 (copy)
      [4, 1], // front 0
      [3, 2], // front 1 (dominated by [2, 2])
      [2, 3], // front 1
      [4, 4], // front 3
    ];
    expect(nonDominatedSort(points)).toEqual([[1, 2, 3, 4], [5, 6], [0], [7]]);
  });

  it('sorts 1-D values into one front per distinct value, and empty input into no fronts', () => {
    expect(nonDominatedSort([[2], [1], [2], [0]])).toEqual([[3], [1], [0, 2]]);
    expect(nonDominatedSort([])).toEqual([]);
  });

  it('sorts a hand-made 3-D set', () => {
    const points = [[1, 2, 3], [2, 3, 4], [3, 1, 2], [3, 3, 3], [4, 4, 4], [0, 9, 9]];
    expect(nonDominatedSort(points)).toEqual([[0, 2, 5], [1, 3], [4]]);
  });

  it('matches the peeling brute force on random sets in 1 to 6 objectives', () => {
    const rng = createRng(31);
    for (let dimension = 1; dimension <= 6; dimension += 1) {
      for (let trial = 0; trial < 5; trial += 1) {
        const count = 1 + rng.int(80);
        for (const points of [uniformPoints(rng, count, dimension), gridPoints(rng, count, dimension, 4)]) {
          expect(nonDominatedSort(points)).toEqual(bruteNonDominatedSort(points));
        }
      }
    }
  });

  it('matches the brute force on sets large enough for the radix path', () => {
    const rng = createRng(32);
    for (const dimension of [2, 3, 4]) {
      const points = gridPoints(rng, 2100, dimension, 12);
      expect(nonDominatedSort(points)).toEqual(bruteNonDominatedSort(points));
    }
  });
});

describe('nonDominatedSortConstrained', () => {
  it('puts feasible fronts first, then infeasible points by total violation', () => {
    const points = [[1, 1], [2, 2], [0, 0], [5, 5], [3, 0], [0, 3], [9, 9]];
    const violations = [0, 0, 0.5, 0, 0.5, 0.1, 0];
    // Feasible: [1,1] beats [2,2] beats [5,5] beats [9,9]; infeasible ordered by violation, ties together.
    expect(nonDominatedSortConstrained(points, violations)).toEqual([[0], [1], [3], [6], [5], [2, 4]]);
  });

  it('equals plain sorting when everything is feasible', () => {
    const rng = createRng(8);
    const points = gridPoints(rng, 60, 3, 4);
    expect(nonDominatedSortConstrained(points, new Array<number>(60).fill(0))).toEqual(nonDominatedSort(points));
  });

  it('matches a brute force over constraint domination on random sets', () => {
    const rng = createRng(9);
    for (let trial = 0; trial < 10; trial += 1) {
      const points = gridPoints(rng, 40, 2 + (trial % 3), 4);
      const violations = points.map(() => (rng.next() < 0.4 ? rng.int(3) * 0.5 : 0));
      const constrainedDominates = (a: number, b: number): boolean => {
        const violationA = violations[a] as number;
        const violationB = violations[b] as number;
        if (violationA === 0 && violationB > 0) return true;
        if (violationA > 0 || violationB > 0) return violationA > 0 && violationB > 0 && violationA < violationB;
        const pointA = points[a] as number[];
        const pointB = points[b] as number[];
        return pointA.every((value, k) => value <= pointB[k]!) && pointA.some((value, k) => value < pointB[k]!);
      };
      let remaining = points.map((_, i) => i);
      const expected: number[][] = [];
      while (remaining.length > 0) {
        const front = remaining.filter((i) => !remaining.some((j) => constrainedDominates(j, i)));
        expected.push(front);
        remaining = remaining.filter((i) => !front.includes(i));
      }
      expect(nonDominatedSortConstrained(points, violations)).toEqual(expected);
    }
  });

  it('rejects violations of the wrong length or sign', () => {
    expect(() => nonDominatedSortConstrained([[1, 2]], [])).toThrow(CarveError);
    expect(() => nonDominatedSortConstrained([[1, 2]], [-1])).toThrow(/violations\[0\]/);
    expect(() => nonDominatedSortConstrained([[1, 2]], [Number.NaN])).toThrow(CarveError);
  });
});
