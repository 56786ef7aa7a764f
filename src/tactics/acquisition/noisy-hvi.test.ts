import { describe, expect, it } from 'vitest';

import { createRng } from '../../core/rng.js';
import { hypervolume } from '../../indicators/index.js';
import { pointImprovement, sortedFront } from './hypervolume-improvement.js';
import { expectedImprovement, nearestResiduals, noisyHviPicks, residualSample } from './noisy-hvi.js';

const REFERENCE: [number, number] = [1.1, 1.1];

describe('residualSample and nearestResiduals', () => {
  it('orders residuals (observed - predicted) by prediction', () => {
    const sample = residualSample([3, 1, 2], [2.5, 1.5, 2]);
    expect([...sample.predicted]).toEqual([1, 2, 3]);
    expect([...sample.residuals]).toEqual([0.5, 0, -0.5]);
  });

  it('takes the residuals of the nearest predictions, ascending, and all of them when there are few', () => {
    // predictions 0..9, residual of prediction p is p / 10 - 0.3 (so they are told apart).
    const sample = residualSample(
      Array.from({ length: 10 }, (_, p) => p),
      Array.from({ length: 10 }, (_, p) => p + p / 10 - 0.3),
    );
    const near = (value: number, count: number): number[] => [...nearestResiduals(sample, value, count)].map((r) => Math.round(r * 10) / 10);
    expect(near(4.2, 3)).toEqual([0, 0.1, 0.2]); // predictions 3, 4, 5
    expect(near(-5, 2)).toEqual([-0.3, -0.2]); // the lowest two
    expect(near(50, 2)).toEqual([0.5, 0.6]); // the highest two
    expect(near(4, 20)).toHaveLength(10);
    const unsorted = residualSample([0, 1, 2], [5, 1, 0]);
    expect([...nearestResiduals(unsorted, 1, 3)]).toEqual([-2, 0, 5]);
  });

  it('refuses predictions and targets of different lengths', () => {
    expect(() => residualSample([1, 2], [1])).toThrow(/2 predictions for 1 targets/);
  });
});

describe('pointImprovement', () => {
  it('gives the hand-worked gain of a point over a two-point front', () => {
    const front = sortedFront(
      [
        [0.2, 0.8],
        [0.6, 0.3],
        [0.7, 0.9], // dominated, ignored
      ],
      [1, 1],
    );
    expect([...front.xs]).toEqual([0.2, 0.6]);
    // p = (0.4, 0.5): its box [0.4,1]x[0.5,1] = 0.3; covered: (0.4..1 x 0.8..1 from the first) 0.12 + (0.6..1 x 0.5..0.8) 0.12.
    expect(pointImprovement(front, 0.4, 0.5, [1, 1])).toBeCloseTo(0.06, 12);
    expect(pointImprovement(front, 0.7, 0.9, [1, 1])).toBe(0);
    expect(pointImprovement(front, 1.2, 0, [1, 1])).toBe(0);
  });

  it('is the difference of two hypervolumes on random fronts (dominated points and points outside the box included)', () => {
    const rng = createRng(4);
    for (let trial = 0; trial < 20; trial += 1) {
      const points = Array.from({ length: 12 }, () => [rng.next(), rng.next()]);
      const candidates = Array.from({ length: 15 }, () => [rng.next() * 1.2, rng.next() * 1.2]);
      const front = sortedFront(points, REFERENCE);
      const base = hypervolume(points, REFERENCE);
      candidates.forEach((candidate) => {
        const gain = pointImprovement(front, candidate[0] as number, candidate[1] as number, REFERENCE);
        expect(gain).toBeCloseTo(hypervolume([...points, candidate], REFERENCE) - base, 12);
      });
    }
  });
});

describe('expectedImprovement', () => {
  it('is the mean gain over every pairing of the residuals (the early stops change nothing)', () => {
    const rng = createRng(9);
    for (let trial = 0; trial < 30; trial += 1) {
      const front = sortedFront(
        Array.from({ length: 8 }, () => [rng.next(), rng.next()]),
        REFERENCE,
      );
      const mean: [number, number] = [rng.next(), rng.next()];
      const rx = Float64Array.from({ length: 5 }, () => rng.next() * 0.4 - 0.2).sort();
      const ry = Float64Array.from({ length: 4 }, () => rng.next() * 0.4 - 0.2).sort();
      let brute = 0;
      for (const x of rx) for (const y of ry) brute += pointImprovement(front, mean[0] + x, mean[1] + y, REFERENCE);
      expect(expectedImprovement(front, mean, rx, ry, REFERENCE)).toBeCloseTo(brute / 20, 14);
    }
  });

  it('with zero residuals is the plain improvement of the mean', () => {
    const front = sortedFront([[0.5, 0.5]], REFERENCE);
    const zero = Float64Array.of(0);
    expect(expectedImprovement(front, [0.3, 0.7], zero, zero, REFERENCE)).toBeCloseTo(pointImprovement(front, 0.3, 0.7, REFERENCE), 14);
  });
});

describe('noisyHviPicks', () => {
  /** The same greedy written plainly: rescore everything after each pick. */
  function naive(observed: number[][], means: number[][], rx: Float64Array[], ry: Float64Array[], batchSize: number): number[] {
    const front = observed.map((point) => [...point]);
    const picks: number[] = [];
    while (picks.length < batchSize) {
      const current = sortedFront(front, REFERENCE);
      let best = -1;
      let bestGain = 0;
      means.forEach((mean, index) => {
        if (picks.includes(index)) return;
        const gain = expectedImprovement(current, [mean[0] as number, mean[1] as number], rx[index] as Float64Array, ry[index] as Float64Array, REFERENCE);
        if (gain > bestGain) {
          bestGain = gain;
          best = index;
        }
      });
      if (best < 0) break;
      picks.push(best);
      front.push([...(means[best] as number[])]);
    }
    return picks;
  }

  it('picks what rescoring every candidate after every pick picks (lazy greedy is exact)', () => {
    const rng = createRng(21);
    for (let trial = 0; trial < 15; trial += 1) {
      const observed = Array.from({ length: 10 }, () => [rng.next(), rng.next()]);
      const means = Array.from({ length: 60 }, () => [rng.next(), rng.next()]);
      const rx = means.map(() => Float64Array.from({ length: 3 }, () => rng.next() * 0.3 - 0.15).sort());
      const ry = means.map(() => Float64Array.from({ length: 3 }, () => rng.next() * 0.3 - 0.15).sort());
      const picks = noisyHviPicks({ observed, means, residuals: [(i) => rx[i] as Float64Array, (i) => ry[i] as Float64Array], reference: REFERENCE, batchSize: 6 });
      expect(picks).toEqual(naive(observed, means, rx, ry, 6));
    }
  });

  it('buys a ticket for a candidate predicted just behind the front only when its residuals say it may land ahead', () => {
    const observed = [
      [0.1, 0.9],
      [0.5, 0.5],
      [0.9, 0.1],
    ];
    const means = [[0.52, 0.52]];
    const zero = Float64Array.of(0);
    const spread = Float64Array.of(-0.1, 0, 0.1);
    expect(noisyHviPicks({ observed, means, residuals: [() => zero, () => zero], reference: REFERENCE, batchSize: 3 })).toEqual([]);
    expect(noisyHviPicks({ observed, means, residuals: [() => spread, () => spread], reference: REFERENCE, batchSize: 3 })).toEqual([0]);
  });
});
