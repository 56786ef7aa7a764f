import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import { conditionalSpace, isCanonical, twelveGenomeSpace } from '../testing/problems.js';
import { RandomSampling } from './sampling.js';

describe('RandomSampling', () => {
  it('returns distinct, valid, canonical genomes outside the exclusion set', () => {
    const space = conditionalSpace();
    const sampling = new RandomSampling();
    const first = sampling.sample(space, createRng(1), 200, new Set());
    const exclude = new Set(first.map((candidate) => candidate.key));
    const second = sampling.sample(space, createRng(1), 200, exclude);
    expect(first).toHaveLength(200);
    expect(second).toHaveLength(200);
    for (const candidate of [...first, ...second]) {
      expect(isCanonical(space, candidate.genome)).toBe(true);
      expect(candidate.key).toBe(space.key(candidate.genome));
    }
    expect(new Set(first.map((candidate) => candidate.key)).size).toBe(200);
    expect(second.some((candidate) => exclude.has(candidate.key))).toBe(false);
    // Depth varies, so conditions were exercised: some samples have block 3 inactive, some active.
    const depths = new Set(first.map((candidate) => candidate.genome[space.indexOf('depth')]));
    expect(depths.size).toBe(3);
  });

  it('is deterministic for a seed', () => {
    const space = conditionalSpace();
    const keys = (seed: number) => new RandomSampling().sample(space, createRng(seed), 20, new Set()).map((c) => c.key);
    expect(keys(5)).toEqual(keys(5));
    expect(keys(5)).not.toEqual(keys(6));
  });

  it('finds the last new genomes of a small space and returns none once it is exhausted', () => {
    const space = twelveGenomeSpace();
    // One random draw per genome is far too few to find the last ones by chance: enumeration must step in.
    const sampling = new RandomSampling({ attemptsPerGenome: 1 });
    const rng = createRng(3);
    const seen = new Set<string>();
    const sizes: number[] = [];
    for (let round = 0; round < 4; round += 1) {
      const batch = sampling.sample(space, rng, 5, seen);
      sizes.push(batch.length);
      for (const candidate of batch) {
        expect(seen.has(candidate.key)).toBe(false);
        seen.add(candidate.key);
      }
    }
    expect(sizes).toEqual([5, 5, 2, 0]);
    expect(seen.size).toBe(12);
  });

  it('rejects a negative count and bad options', () => {
    const space = twelveGenomeSpace();
    expect(() => new RandomSampling().sample(space, createRng(1), -1, new Set())).toThrow(expect.objectContaining({ code: 'BAD_INPUT', field: 'count' }));
    expect(() => new RandomSampling({ attemptsPerGenome: 0 })).toThrow(expect.objectContaining({ field: 'attemptsPerGenome' }));
  });
});
