import { describe, expect, it } from 'vitest';
import { CarveError } from '../core/errors.js';
import { createRng } from '../core/rng.js';
import { hypervolume } from './hypervolume.js';
import { Hypervolume2dTracker, HypervolumeTracker, hypervolumeCurve } from './hypervolume-tracker.js';
import { gridPoints, uniformPoints } from './testing/random-points.js';

describe('Hypervolume2dTracker', () => {
  it('returns the hypervolume after each addition, by hand', () => {
    const tracker = new Hypervolume2dTracker([4, 4]);
    expect(tracker.add([2, 2])).toBe(4);
    expect(tracker.add([3, 3])).toBe(4); // dominated
    expect(tracker.add([5, 0])).toBe(4); // outside the reference
    expect(tracker.add([1, 3])).toBe(5);
    expect(tracker.add([3, 1])).toBe(6);
    expect(tracker.add([2, 2])).toBe(6); // duplicate
    expect(tracker.front()).toEqual([[1, 3], [2, 2], [3, 1]]);
    expect(tracker.add([0, 0])).toBe(16);
    expect(tracker.hypervolume).toBe(16);
    expect(tracker.front()).toEqual([[0, 0]]);
  });

  it('rejects a bad reference or point naming it', () => {
    expect(() => new Hypervolume2dTracker([1, 2, 3])).toThrow(CarveError);
    const tracker = new Hypervolume2dTracker([1, 1]);
    try {
      tracker.add([0.5, Number.NaN]);
      expect.unreachable();
    } catch (error) {
      expect((error as CarveError).field).toBe('point');
    }
  });
});

describe('hypervolumeCurve and HypervolumeTracker', () => {
  it('equal the hypervolume of every prefix in 1 to 5 objectives (exact on integer grids)', () => {
    const rng = createRng(123);
    for (let dimension = 1; dimension <= 5; dimension += 1) {
      const count = dimension <= 3 ? 120 : 40;
      const grid = gridPoints(rng, count, dimension, 7);
      const gridReference = new Array<number>(dimension).fill(6);
      expect(hypervolumeCurve(grid, gridReference)).toEqual(grid.map((_, k) => hypervolume(grid.slice(0, k + 1), gridReference)));
      const continuous = uniformPoints(rng, count, dimension);
      const reference = new Array<number>(dimension).fill(1);
      const curve = hypervolumeCurve(continuous, reference);
      curve.forEach((value, k) => expect(value).toBeCloseTo(hypervolume(continuous.slice(0, k + 1), reference), 12));
    }
  });

  it('never decreases and is empty for no points', () => {
    const rng = createRng(4);
    const curve = hypervolumeCurve(uniformPoints(rng, 200, 3), [1, 1, 1]);
    curve.slice(1).forEach((value, k) => expect(value).toBeGreaterThanOrEqual(curve[k] as number));
    expect(hypervolumeCurve([], [1, 1])).toEqual([]);
  });

  it('keeps the distinct front in any dimension', () => {
    const tracker = new HypervolumeTracker([4, 4, 4]);
    tracker.add([1, 2, 3]);
    tracker.add([2, 3, 1]);
    tracker.add([1, 2, 3]);
    tracker.add([2, 3, 3]);
    expect(tracker.add([3, 1, 2])).toBe(13);
    expect(tracker.front()).toEqual([[1, 2, 3], [2, 3, 1], [3, 1, 2]]);
    expect(tracker.add([1, 1, 1])).toBe(27);
    expect(tracker.front()).toEqual([[1, 1, 1]]);
  });

  it('rejects ragged traces', () => {
    expect(() => hypervolumeCurve([[1, 2], [1, 2, 3]], [3, 3])).toThrow(CarveError);
    expect(() => new HypervolumeTracker([1, 2, 3]).add([1, 2])).toThrow(/point/);
  });
});
