import { describe, expect, it } from 'vitest';
import { CarveError } from '../core/errors.js';
import { crowdingDistance } from './crowding-distance.js';

describe('crowdingDistance', () => {
  it('sums normalised neighbour gaps and gives the extremes Infinity', () => {
    const points = [[0, 4], [1, 2], [2, 1], [4, 0]];
    // Objective 0 (range 4): 2/4 and 3/4; objective 1 (range 4): 3/4 and 2/4.
    expect(crowdingDistance(points, [0, 1, 2, 3])).toEqual([Infinity, 1.25, 1.25, Infinity]);
  });

  it('measures only the listed members and answers in the order of the front', () => {
    const points = [[9, 9], [0, 4], [1, 2], [2, 1], [4, 0]];
    expect(crowdingDistance(points, [3, 1, 4, 2])).toEqual([1.25, Infinity, Infinity, 1.25]);
  });

  it('lets an objective with zero range add nothing, not even Infinity at its extremes', () => {
    expect(crowdingDistance([[0, 1], [1, 1], [3, 1]], [0, 1, 2])).toEqual([Infinity, 1, Infinity]);
  });

  it('breaks ties in one objective by point index, whatever the order of the front', () => {
    const points = [[0, 3], [1, 2], [1, 1], [3, 0]];
    // Objective 0: order 0, 1, 2, 3 -> 1/3 and 2/3; objective 1: order 3, 2, 1, 0 -> 2/3 and 2/3.
    const expected = [Infinity, 1, 4 / 3, Infinity];
    const distances = crowdingDistance(points, [0, 1, 2, 3]);
    distances.forEach((value, k) => expect(value).toBeCloseTo(expected[k] as number, 12));
    const permuted = crowdingDistance(points, [2, 1, 0, 3]);
    expect(permuted[0]).toBeCloseTo(4 / 3, 12);
    expect(permuted[1]).toBeCloseTo(1, 12);
    expect(permuted.slice(2)).toEqual([Infinity, Infinity]);
  });

  it('measures the first copy of a duplicate among distinct points and gives other copies 0', () => {
    const points = [[0, 4], [1, 2], [1, 2], [4, 0]];
    expect(crowdingDistance(points, [0, 1, 2, 3])).toEqual([Infinity, 2, 0, Infinity]);
    expect(crowdingDistance(points, [2, 3, 1, 0])).toEqual([0, Infinity, 2, Infinity]);
    expect(crowdingDistance([[1, 1], [1, 1], [1, 1]], [0, 1, 2])).toEqual([Infinity, 0, 0]);
  });

  it('gives fronts of one or two points Infinity and an empty front nothing', () => {
    expect(crowdingDistance([[1, 2], [2, 1]], [0, 1])).toEqual([Infinity, Infinity]);
    expect(crowdingDistance([[1, 2]], [0])).toEqual([Infinity]);
    expect(crowdingDistance([[1, 2]], [])).toEqual([]);
  });

  it('rejects indices that are out of range, fractional or repeated', () => {
    expect(() => crowdingDistance([[1, 2]], [1])).toThrow(CarveError);
    expect(() => crowdingDistance([[1, 2], [2, 1]], [0.5])).toThrow(/front\[0\]/);
    expect(() => crowdingDistance([[1, 2], [2, 1]], [1, 1])).toThrow(/twice/);
  });
});
