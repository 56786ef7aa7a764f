import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import { dasDennis } from '../decomposition/das-dennis.js';
import type { Individual } from '../types.js';
import { Nsga3Survival } from './nsga3-survival.js';

function individual(key: string, objectives: number[], violation = 0): Individual {
  return { genome: [key.charCodeAt(0)], key, objectives, violation };
}

// Ideal (1, 1), extremes D and A, nadir (6, 5). Front 0: A (niche 0), G (niche 2), D (niche 4). Front 1:
// B1 (niche 1, 0.032 from it), B2 (niche 1, 0.054) and C (niche 3). F is in front 2.
const population = [
  individual('A', [1, 5]),
  individual('B1', [2, 3]),
  individual('B2', [1.8, 3.6]),
  individual('C', [4, 2]),
  individual('D', [6, 1]),
  individual('G', [1.5, 1.5]),
  individual('F', [7, 7]),
];

describe('Nsga3Survival', () => {
  it('keeps the first front, then one member per empty niche, the nearest to its direction', () => {
    for (const seed of [1, 2, 3, 4]) {
      const survival = new Nsga3Survival(dasDennis(2, 4), createRng(seed));
      const survivors = survival.survive(population, 5);
      expect(survivors.map((member) => member.key).sort()).toEqual(['A', 'B1', 'C', 'D', 'G']);
      expect(survival.lastNormalization?.ideal).toEqual([1, 1]);
      expect(survival.lastNormalization?.nadir.map((value) => Number(value.toFixed(9)))).toEqual([6, 5]);
      const byKey = new Map(survivors.map((member) => [member.key, member]));
      expect(byKey.get('B1')?.niche).toBe(1);
      expect(byKey.get('B1')?.rank).toBe(1);
      expect(byKey.get('C')?.niche).toBe(3);
      expect(byKey.get('G')?.niche).toBe(2);
      expect(byKey.get('B1')?.nicheDistance).toBeCloseTo(Math.sqrt(0.001), 9);
      expect(byKey.get('B1')?.crowding).toBeCloseTo(-Math.sqrt(0.001), 9);
    }
  });

  it('never takes B2 while its niche is empty; with one place left it takes B1 or C', () => {
    const seen = new Set<string>();
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const keys = new Nsga3Survival(dasDennis(2, 4), createRng(seed)).survive(population, 4).map((member) => member.key);
      expect(keys.slice(0, 3).sort()).toEqual(['A', 'D', 'G']);
      expect(['B1', 'C']).toContain(keys[3]);
      seen.add(keys[3] as string);
    }
    expect(seen.size).toBe(2);
  });

  it('keeps everyone when there is room, feasible fronts first, and is reproducible for a seed', () => {
    const all = new Nsga3Survival(dasDennis(2, 4), createRng(1)).survive([...population, individual('X', [0, 0], 1)], 20);
    expect(all).toHaveLength(8);
    expect(all[7]?.key).toBe('X');
    const once = new Nsga3Survival(dasDennis(2, 4), createRng(9)).survive(population, 4).map((member) => member.key);
    expect(new Nsga3Survival(dasDennis(2, 4), createRng(9)).survive(population, 4).map((member) => member.key)).toEqual(once);
    expect(() => new Nsga3Survival([], createRng(1))).toThrow();
  });
});
