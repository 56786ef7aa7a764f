import { describe, expect, it } from 'vitest';
import { binomial, dasDennis, dasDennisCount, directionsForPopulation, partitionsForPopulation } from './das-dennis.js';

describe('Das-Dennis directions', () => {
  it('counts C(H + M - 1, M - 1) directions', () => {
    expect(binomial(14, 2)).toBe(91);
    expect(dasDennisCount(3, 12)).toBe(91);
    expect(dasDennis(3, 12)).toHaveLength(91);
    expect(dasDennisCount(5, 6)).toBe(210);
    expect(dasDennis(5, 6)).toHaveLength(210);
    expect(dasDennis(2, 49)).toHaveLength(50);
  });

  it('gives the five exact vectors for two objectives and four partitions', () => {
    expect(dasDennis(2, 4)).toEqual([
      [0, 1],
      [0.25, 0.75],
      [0.5, 0.5],
      [0.75, 0.25],
      [1, 0],
    ]);
  });

  it('puts every vector on the unit simplex on the 1/H grid, each once, the axes included', () => {
    const directions = dasDennis(3, 12);
    const keys = new Set(directions.map((direction) => direction.map((value) => Math.round(value * 12)).join(',')));
    expect(keys.size).toBe(91);
    for (const direction of directions) {
      expect(direction.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 12);
      for (const value of direction) {
        expect(value).toBeGreaterThanOrEqual(0);
        expect(Math.abs(value * 12 - Math.round(value * 12))).toBeLessThan(1e-9);
      }
    }
    expect(keys.has('12,0,0') && keys.has('0,12,0') && keys.has('0,0,12') && keys.has('4,4,4')).toBe(true);
    expect(dasDennis(3, 1)).toEqual([
      [0, 0, 1],
      [0, 1, 0],
      [1, 0, 0],
    ]);
  });

  it('has the single direction [1] for one objective', () => {
    expect(dasDennis(1, 5)).toEqual([[1]]);
    expect(dasDennisCount(1, 5)).toBe(1);
  });

  it('chooses the largest partition count whose directions fit in the population', () => {
    expect(partitionsForPopulation(2, 50)).toBe(49);
    expect(partitionsForPopulation(3, 50)).toBe(8); // 45 directions; H = 9 would give 55
    expect(partitionsForPopulation(3, 91)).toBe(12);
    expect(partitionsForPopulation(3, 90)).toBe(11);
    expect(partitionsForPopulation(4, 2)).toBe(1); // fewer members than objectives: the axes
    expect(directionsForPopulation(3, 50)).toHaveLength(45);
    expect(directionsForPopulation(2, 12)).toHaveLength(12);
  });

  it('rejects non-integer or non-positive arguments', () => {
    expect(() => dasDennis(0, 3)).toThrow();
    expect(() => dasDennis(3, 0)).toThrow();
    expect(() => dasDennis(3, 1.5)).toThrow();
    expect(() => partitionsForPopulation(2, 0)).toThrow();
  });
});
