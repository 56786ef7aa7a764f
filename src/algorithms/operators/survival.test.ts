import { describe, expect, it } from 'vitest';
import type { Individual } from '../types.js';
import { RankAndCrowdingSurvival } from './survival.js';

function individual(key: string, objectives: number[], violation = 0): Individual {
  return { genome: [], key, objectives, violation };
}

describe('RankAndCrowdingSurvival', () => {
  it('keeps whole fronts in rank order with their ranks', () => {
    const candidates = [
      individual('dominated', [3, 3]),
      individual('a', [0, 2]),
      individual('b', [2, 0]),
      individual('worst', [4, 4]),
      individual('c', [1, 1]),
    ];
    const survivors = new RankAndCrowdingSurvival().survive(candidates, 4);
    expect(survivors.map((survivor) => [survivor.key, survivor.rank])).toEqual([
      ['a', 0],
      ['b', 0],
      ['c', 0],
      ['dominated', 1],
    ]);
    // Front 0: a and b are extremes; c's cuboid spans (2 - 0) / 2 + (2 - 0) / 2 = 2.
    expect(survivors.map((survivor) => survivor.crowding)).toEqual([Infinity, Infinity, 2, Infinity]);
  });

  it('fills the last front by decreasing crowding distance', () => {
    const candidates = [
      individual('left', [0, 4]),
      individual('near-left', [1, 3]),
      individual('middle', [1.5, 2.5]),
      individual('right-inner', [3, 1]),
      individual('right', [4, 0]),
    ];
    // Inner distances: near-left 1.5/4 + 1.5/4 = 0.75, middle 2/4 + 2/4 = 1, right-inner 2.5/4 + 2.5/4 = 1.25.
    const survivors = new RankAndCrowdingSurvival().survive(candidates, 4);
    expect(survivors.map((survivor) => survivor.key)).toEqual(['left', 'right', 'right-inner', 'middle']);
    expect(survivors.map((survivor) => survivor.crowding)).toEqual([Infinity, Infinity, 1.25, 1]);
  });

  it('prefers feasible individuals, then smaller violations, whatever their objectives', () => {
    const candidates = [
      individual('infeasible-great', [0, 0], 0.5),
      individual('feasible-poor', [9, 9]),
      individual('infeasible-slight', [5, 5], 0.1),
      individual('feasible-other', [8, 10]),
      individual('infeasible-bad', [0, 0], 2),
    ];
    const survival = new RankAndCrowdingSurvival();
    expect(survival.survive(candidates, 2).map((survivor) => survivor.key).sort()).toEqual(['feasible-other', 'feasible-poor']);
    expect(survival.survive(candidates, 3).map((survivor) => survivor.key)).toEqual([
      'feasible-poor',
      'feasible-other',
      'infeasible-slight',
    ]);
  });

  it('returns everything when fewer candidates than places, and nothing for zero places', () => {
    const candidates = [individual('a', [1, 2]), individual('b', [2, 1])];
    const survival = new RankAndCrowdingSurvival();
    expect(survival.survive(candidates, 10)).toHaveLength(2);
    expect(survival.survive(candidates, 0)).toEqual([]);
    expect(survival.survive([], 5)).toEqual([]);
  });
});
