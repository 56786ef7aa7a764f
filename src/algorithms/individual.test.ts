import { describe, expect, it } from 'vitest';
import { checkIndividual, toIndividual } from './individual.js';

describe('toIndividual', () => {
  it('builds an individual, feasible by default', () => {
    expect(toIndividual([1, 0], '1.0', [0.5, 2])).toEqual({ genome: [1, 0], key: '1.0', objectives: [0.5, 2], violation: 0 });
    expect(toIndividual([1, 0], '1.0', [0.5, 2], 0.25).violation).toBe(0.25);
  });

  it('rejects non-finite objectives and negative or non-finite violations', () => {
    expect(() => toIndividual([0], '0', [Number.NaN])).toThrow(expect.objectContaining({ field: 'objectives' }));
    expect(() => toIndividual([0], '0', [Infinity])).toThrow(expect.objectContaining({ field: 'objectives' }));
    expect(() => toIndividual([0], '0', [1], -1)).toThrow(expect.objectContaining({ field: 'violation' }));
    expect(() => toIndividual([0], '0', [1], Number.NaN)).toThrow(expect.objectContaining({ field: 'violation' }));
  });

  it('checks the objective count when one is expected', () => {
    const individual = toIndividual([0], '0', [1, 2]);
    expect(() => checkIndividual(individual, 2)).not.toThrow();
    expect(() => checkIndividual(individual, 3)).toThrow(expect.objectContaining({ field: 'objectives' }));
  });
});
