import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import { conditionalSpace, gridSpace, isCanonical } from '../testing/problems.js';
import { OrdinalStepMutation, RandomResetMutation } from './mutation.js';

const variants = [
  ['random reset', (geneProbability?: number) => new RandomResetMutation(geneProbability === undefined ? {} : { geneProbability })],
  ['ordinal step', (geneProbability?: number) => new OrdinalStepMutation(geneProbability === undefined ? {} : { geneProbability })],
] as const;

describe.each(variants)('%s mutation', (_name, build) => {
  it('keeps genomes valid and canonical on a space with conditions, touching only active genes', () => {
    const space = conditionalSpace();
    const mutation = build(0.5);
    const rng = createRng(31);
    let depthChanges = 0;
    for (let trial = 0; trial < 500; trial += 1) {
      const parent = space.sample(rng);
      const parentActive = space.activeMask(parent);
      const child = mutation.mutate(space, rng, parent);
      expect(isCanonical(space, child)).toBe(true);
      // An inactive gene is 0 in a canonical parent; mutating it would be wasted and is not done.
      parentActive.forEach((active, gene) => {
        if (!active) expect(child[gene]).toBe(0);
      });
      if (child[space.indexOf('depth')] !== parent[space.indexOf('depth')]) depthChanges += 1;
    }
    expect(depthChanges).toBeGreaterThan(0);
  });

  it('changes every active gene to another valid choice when the gene probability is 1', () => {
    const space = gridSpace();
    const mutation = build(1);
    const rng = createRng(32);
    for (let trial = 0; trial < 100; trial += 1) {
      const parent = space.sample(rng);
      const child = mutation.mutate(space, rng, parent);
      for (let gene = 0; gene < space.geneCount; gene += 1) {
        expect(child[gene]).not.toBe(parent[gene]);
        expect(child[gene]).toBeGreaterThanOrEqual(0);
        expect(child[gene]).toBeLessThan(10);
      }
    }
  });

  it('mutates about one gene per genome by default (probability 1 / geneCount)', () => {
    const space = gridSpace();
    const mutation = build();
    const rng = createRng(33);
    let changed = 0;
    const trials = 4000;
    for (let trial = 0; trial < trials; trial += 1) {
      const parent = space.sample(rng);
      const child = mutation.mutate(space, rng, parent);
      changed += child.filter((value, gene) => value !== parent[gene]).length;
    }
    // Expected 1 per genome; the standard error of the mean is about 0.015.
    expect(changed / trials).toBeGreaterThan(0.93);
    expect(changed / trials).toBeLessThan(1.07);
  });

  it('returns the same genome when the gene probability is 0', () => {
    const space = conditionalSpace();
    const rng = createRng(34);
    const parent = space.sample(rng);
    expect(build(0).mutate(space, rng, parent)).toBe(parent);
  });
});

describe('OrdinalStepMutation', () => {
  it('moves a numeric gene to the neighbouring value, in value order even when choices are unsorted', () => {
    const space = conditionalSpace();
    const mutation = new OrdinalStepMutation({ geneProbability: 1 });
    const width = space.indexOf('width'); // choices [1.0, 0.5, 0.75]
    const depth = space.indexOf('depth'); // choices [2, 3, 4]
    const rng = createRng(35);
    const reached = new Map<number, Set<number>>([[0, new Set()], [1, new Set()], [2, new Set()]]);
    for (let trial = 0; trial < 300; trial += 1) {
      const parent = space.sample(rng);
      const child = mutation.mutate(space, rng, parent);
      reached.get(parent[width] as number)?.add(child[width] as number);
      expect(Math.abs((child[depth] as number) - (parent[depth] as number))).toBe(1);
    }
    // 1.0 (index 0) only neighbours 0.75 (index 2); 0.5 (index 1) only neighbours 0.75; 0.75 neighbours both.
    expect([...(reached.get(0) ?? [])]).toEqual([2]);
    expect([...(reached.get(1) ?? [])]).toEqual([2]);
    expect([...(reached.get(2) ?? [])].sort()).toEqual([0, 1]);
  });

  it('steps up from the lowest and down from the highest value', () => {
    const space = gridSpace();
    const mutation = new OrdinalStepMutation({ geneProbability: 1 });
    const rng = createRng(36);
    expect(mutation.mutate(space, rng, [0, 9, 0, 9, 0, 9, 0, 9, 0, 9])).toEqual([1, 8, 1, 8, 1, 8, 1, 8, 1, 8]);
  });

  it('resets a non-numeric gene to its other choice', () => {
    const space = conditionalSpace();
    const activation = space.indexOf('activation');
    const mutation = new OrdinalStepMutation({ geneProbability: 1 });
    const rng = createRng(37);
    for (let trial = 0; trial < 20; trial += 1) {
      const parent = space.sample(rng);
      expect(mutation.mutate(space, rng, parent)[activation]).toBe(1 - (parent[activation] as number));
    }
  });
});

it('rejects a gene probability outside [0, 1]', () => {
  expect(() => new RandomResetMutation({ geneProbability: 2 })).toThrow(expect.objectContaining({ field: 'geneProbability' }));
});
