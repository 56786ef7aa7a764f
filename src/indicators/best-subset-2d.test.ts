import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.js';
import { bestSubsetHypervolumes2d, fewestPointsForHypervolume2d } from './best-subset-2d.js';
import { hypervolume } from './hypervolume.js';

/** Every subset of each size, by brute force. */
function bruteForce(points: readonly [number, number][]): number[] {
  const best: number[] = new Array<number>(points.length).fill(0);
  for (let mask = 1; mask < 1 << points.length; mask += 1) {
    const chosen = points.filter((_, index) => (mask & (1 << index)) !== 0);
    const value = hypervolume(chosen, [1, 1]);
    if (value > (best[chosen.length - 1] as number)) best[chosen.length - 1] = value;
  }
  return best;
}

describe('bestSubsetHypervolumes2d', () => {
  it('known answer: a staircase of three points', () => {
    // (0, 0.5) alone: 1 x 0.5; (0.5, 0) alone: 0.5; (0.2, 0.2): 0.64; all three: 0.5 + 0.2*0.3 + ... computed below.
    const points: [number, number][] = [
      [0, 0.5],
      [0.2, 0.2],
      [0.5, 0],
    ];
    const answers = bestSubsetHypervolumes2d(points, [1, 1]);
    expect(answers[0]).toBeCloseTo(0.64, 12);
    // Two points: {(0,0.5),(0.2,0.2)}: 0.2*0.5 + 0.8*0.8 = 0.74; {(0.2,0.2),(0.5,0)}: 0.3*0.8 + 0.5 = 0.74; ends: 0.5*0.5+0.5 = 0.75.
    expect(answers[1]).toBeCloseTo(0.75, 12);
    expect(answers[2]).toBeCloseTo(hypervolume(points, [1, 1]), 12);
    expect(fewestPointsForHypervolume2d(points, [1, 1], 0.74)).toBe(2);
    expect(fewestPointsForHypervolume2d(points, [1, 1], 0.9)).toBeNull();
  });

  it('agrees with brute force on random fronts, ignoring dominated and repeated points', () => {
    const rng = createRng(7);
    for (let trial = 0; trial < 30; trial += 1) {
      const count = 2 + Math.floor(rng.next() * 9);
      const points: [number, number][] = [];
      for (let index = 0; index < count; index += 1) {
        const x = rng.next();
        points.push([x, Math.max(0, 1 - x - 0.3 * rng.next())]);
      }
      points.push([0.99, 0.99], points[0] as [number, number]); // dominated, repeated
      const fast = bestSubsetHypervolumes2d(points, [1, 1]);
      const slow = bruteForce(points);
      for (const [index, value] of fast.entries()) expect(value, `trial ${trial}, k ${index + 1}`).toBeCloseTo(slow[index] as number, 12);
      expect(fast[fast.length - 1]).toBeCloseTo(hypervolume(points, [1, 1]), 12);
    }
  });
});
