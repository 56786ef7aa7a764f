import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import type { RankedIndividual } from '../operators/types.js';
import { compareByNiche, NichingTournamentSelection } from './niching-selection.js';
import { nichePreservingSelection } from './niching.js';
import type { NichedIndividual } from './nsga3-survival.js';

describe('nichePreservingSelection', () => {
  it('fills empty niches first, each with its member nearest the direction', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const counts = [1, 0, 0];
      const picked = nichePreservingSelection(createRng(seed), counts, [0, 1, 1, 2], [0.1, 0.5, 0.2, 0.3], 2);
      expect([...picked].sort()).toEqual([2, 3]);
      expect(counts).toEqual([1, 1, 1]);
    }
  });

  it('then takes a random member of a least crowded niche, and stops when the front is used up', () => {
    const thirds = new Set<number>();
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const picked = nichePreservingSelection(createRng(seed), [1, 0, 0], [0, 1, 1, 2], [0.1, 0.5, 0.2, 0.3], 3);
      expect(picked).toHaveLength(3);
      expect([0, 1]).toContain(picked[2]);
      thirds.add(picked[2] as number);
    }
    expect(thirds.size).toBe(2);
    expect(nichePreservingSelection(createRng(1), [0, 0, 0], [0, 1, 1, 2], [0.1, 0.5, 0.2, 0.3], 10)).toHaveLength(4);
  });
});

function member(niche: number, rank: number, nicheDistance: number, violation = 0): NichedIndividual {
  return { genome: [niche], key: `${niche}-${rank}-${nicheDistance}-${violation}`, objectives: [0, 0], violation, rank, crowding: -nicheDistance, niche, nicheDistance };
}

describe('niching tournament', () => {
  it('compares feasibility, then rank and distance within a niche, and leaves other pairs to chance', () => {
    expect(compareByNiche(member(0, 0, 0.1), member(0, 0, 0.1, 2))).toBeLessThan(0);
    expect(compareByNiche(member(0, 3, 0.1, 1), member(0, 0, 0.1, 2))).toBeLessThan(0);
    expect(compareByNiche(member(2, 1, 0.1), member(2, 0, 0.5))).toBeGreaterThan(0);
    expect(compareByNiche(member(2, 0, 0.1), member(2, 0, 0.5))).toBeLessThan(0);
    expect(compareByNiche(member(1, 0, 0.1), member(2, 5, 0.9))).toBe(0);
    const plain: RankedIndividual = { genome: [0], key: 'p', objectives: [0, 0], violation: 0, rank: 0, crowding: 1 };
    expect(compareByNiche(plain, member(0, 5, 0.9))).toBe(0);
  });

  it('lets the better of a niche win every tournament between its members', () => {
    const pool = [member(0, 0, 0.1), member(0, 1, 0.1)];
    const winners = new NichingTournamentSelection().select(createRng(4), pool, 50);
    expect(winners).toHaveLength(50);
    // Each pair of a two-member permutation is the two members: the rank-0 member always wins.
    expect(new Set(winners)).toEqual(new Set([0]));
    const mixed = new NichingTournamentSelection().select(createRng(4), [member(0, 0, 0.1), member(1, 3, 0.9)], 200);
    expect(new Set(mixed)).toEqual(new Set([0, 1]));
    expect(() => new NichingTournamentSelection().select(createRng(1), [], 2)).toThrow();
  });
});
