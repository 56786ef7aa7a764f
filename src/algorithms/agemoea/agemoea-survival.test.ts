import { describe, expect, it } from 'vitest';
import type { Individual } from '../types.js';
import { AgeMoeaSurvival, firstFrontScores, laterFrontScore } from './agemoea-survival.js';

function individual(key: string, objectives: number[], violation = 0): Individual {
  return { genome: [key.charCodeAt(0)], key, objectives, violation };
}

const degrees = (angle: number): number[] => [Math.cos((angle * Math.PI) / 180), Math.sin((angle * Math.PI) / 180)];

describe('firstFrontScores', () => {
  it('gives extremes Infinity and ranks the rest by diversity / proximity in the estimated geometry', () => {
    // A quarter circle: p = 2. By hand, the summed L2 distances to the extremes (1,0) and (0,1) are
    // 1.460 (10°), 1.531 (45°) and 1.529 (50°), each over a proximity of 1, so 45° is taken first.
    const { scores, geometry } = firstFrontScores([[1, 0], [0, 1], degrees(10), degrees(45), degrees(50)]);
    expect(geometry.p).toBeCloseTo(2, 9);
    expect(geometry.ideal).toEqual([0, 0]);
    expect(scores[0]).toBe(Infinity);
    expect(scores[1]).toBe(Infinity);
    expect(scores[3]).toBeCloseTo(2 * Math.sqrt(2 - Math.sqrt(2)), 9);
    expect(scores[3]).toBeGreaterThan(scores[2] as number);
    expect(scores[3]).toBeGreaterThan(scores[4] as number);
  });

  it('scores later fronts by the inverse Lp distance from the ideal point after normalisation', () => {
    const geometry = { ideal: [1, 2], normalization: [2, 4], p: 2 };
    expect(laterFrontScore([7, 18], geometry)).toBeCloseTo(1 / 5, 12); // normalised (3, 4)
    expect(laterFrontScore([1, 2], geometry)).toBe(Infinity);
  });
});

describe('AgeMoeaSurvival', () => {
  const population = [
    individual('a', [1, 0]),
    individual('b', [0, 1]),
    individual('c', degrees(10)),
    individual('d', degrees(45)),
    individual('e', degrees(50)),
    individual('f', [0.2, 1.5]),
    individual('g', [1.2, 1.2]),
    individual('x', [0, 0], 0.5),
  ];

  it('fills the last front by score: the extremes and the most diverse member of a quarter circle', () => {
    const survivors = new AgeMoeaSurvival().survive(population, 3);
    expect(survivors.map((member) => member.key)).toEqual(['a', 'b', 'd']);
    expect(survivors.every((member) => member.rank === 0)).toBe(true);
  });

  it('keeps whole fronts, then the next front by proximity, infeasible members last', () => {
    const survival = new AgeMoeaSurvival();
    const survivors = survival.survive(population, 6);
    // |(0.2, 1.5)| = 1.513 < |(1.2, 1.2)| = 1.697 in the L2 geometry of the first front.
    expect(survivors.map((member) => member.key)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(survivors[5]?.rank).toBe(1);
    expect(survivors[5]?.crowding).toBeCloseTo(1 / Math.hypot(0.2, 1.5), 6);
    expect(survival.lastGeometry?.p).toBeCloseTo(2, 9);
    const all = survival.survive(population, 20);
    expect(all).toHaveLength(8);
    expect(all[7]?.key).toBe('x');
  });

  it('is a pure function of the ordered input and rejects a bad count', () => {
    const once = new AgeMoeaSurvival().survive(population, 4).map((member) => member.key);
    expect(new AgeMoeaSurvival().survive(population, 4).map((member) => member.key)).toEqual(once);
    expect(new AgeMoeaSurvival().survive([], 4)).toEqual([]);
    expect(() => new AgeMoeaSurvival().survive(population, -1)).toThrow();
  });
});
