import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import { BinaryTournamentSelection, compareForTournament } from './selection.js';
import type { RankedIndividual } from './types.js';

function ranked(key: string, rank: number, crowding: number, violation = 0): RankedIndividual {
  return { genome: [], key, objectives: [0, 0], violation, rank, crowding };
}

describe('compareForTournament', () => {
  it('prefers feasible, then smaller violation, then lower rank, then larger crowding', () => {
    expect(compareForTournament(ranked('a', 3, 0), ranked('b', 0, Infinity, 0.1))).toBeLessThan(0);
    expect(compareForTournament(ranked('a', 0, Infinity, 0.5), ranked('b', 5, 0, 0.2))).toBeGreaterThan(0);
    expect(compareForTournament(ranked('a', 1, 9), ranked('b', 0, 0))).toBeGreaterThan(0);
    expect(compareForTournament(ranked('a', 1, 2), ranked('b', 1, 1))).toBeLessThan(0);
    expect(compareForTournament(ranked('a', 1, Infinity), ranked('b', 1, 1))).toBeLessThan(0);
    expect(compareForTournament(ranked('a', 1, 1), ranked('b', 1, 1))).toBe(0);
    // Equal violations of infeasible individuals fall through to rank.
    expect(compareForTournament(ranked('a', 2, 0, 0.3), ranked('b', 1, 0, 0.3))).toBeGreaterThan(0);
  });
});

describe('BinaryTournamentSelection', () => {
  it('always picks the winner of a two-individual pool', () => {
    // Every tournament is between the two (one permutation per pair), so the feasible one always wins.
    const pool = [ranked('feasible', 1, 0), ranked('infeasible', 0, Infinity, 1)];
    const chosen = new BinaryTournamentSelection().select(createRng(1), pool, 40);
    expect(chosen).toEqual(new Array(40).fill(0));
  });

  it('returns indices into the pool, favouring better individuals', () => {
    const pool = Array.from({ length: 10 }, (_, index) => ranked(`k${index}`, index, 1));
    const chosen = new BinaryTournamentSelection().select(createRng(2), pool, 1000);
    expect(chosen).toHaveLength(1000);
    expect(chosen.every((index) => Number.isInteger(index) && index >= 0 && index < 10)).toBe(true);
    const counts = new Array<number>(10).fill(0);
    for (const index of chosen) counts[index] = (counts[index] as number) + 1;
    // The best individual wins both of its tournaments per permutation pass; the worst never wins.
    expect(counts[0]).toBe(200);
    expect(counts[9]).toBe(0);
  });

  it('handles an empty request and a one-individual pool, and rejects an empty pool', () => {
    const selection = new BinaryTournamentSelection();
    expect(selection.select(createRng(3), [], 0)).toEqual([]);
    expect(selection.select(createRng(3), [ranked('only', 0, 0)], 3)).toEqual([0, 0, 0]);
    expect(() => selection.select(createRng(3), [], 2)).toThrow(expect.objectContaining({ field: 'pool' }));
  });
});
