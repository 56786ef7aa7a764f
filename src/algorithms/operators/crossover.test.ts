import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import type { Genome } from '../../space/index.js';
import { conditionalSpace, gridSpace, isCanonical } from '../testing/problems.js';
import { TwoPointCrossover, UniformCrossover } from './crossover.js';

const variants = [
  ['uniform', () => new UniformCrossover({ probability: 1 })],
  ['two-point', () => new TwoPointCrossover({ probability: 1 })],
] as const;

describe.each(variants)('%s crossover', (_name, build) => {
  it('gives back the parent when both parents are identical', () => {
    const space = conditionalSpace();
    const crossover = build();
    const rng = createRng(11);
    for (let trial = 0; trial < 50; trial += 1) {
      const parent = space.sample(rng);
      const [childA, childB] = crossover.cross(space, rng, parent, parent);
      expect(childA).toEqual(parent);
      expect(childB).toEqual(parent);
    }
  });

  it('produces valid canonical children on a space with conditions', () => {
    const space = conditionalSpace();
    const crossover = build();
    const rng = createRng(12);
    for (let trial = 0; trial < 300; trial += 1) {
      const first = space.sample(rng);
      const second = space.sample(rng);
      for (const child of crossover.cross(space, rng, first, second)) expect(isCanonical(space, child)).toBe(true);
    }
  });

  it('canonicalises a child that takes a small depth from one parent and deep blocks from the other', () => {
    const space = conditionalSpace();
    const crossover = build();
    const rng = createRng(15);
    // Depth 4 (every block active, block genes at choice 2) against depth 2 (blocks 2 and 3 inactive).
    const deep = space.encode({
      resolution: 160, activation: 'relu', width: 1.0, depth: 4,
      kernel_0: 7, expand_0: 6, kernel_1: 7, expand_1: 6, kernel_2: 7, expand_2: 6, kernel_3: 7, expand_3: 6,
    });
    const shallow = space.encode({
      resolution: 160, activation: 'relu', width: 1.0, depth: 2, kernel_0: 3, expand_0: 3, kernel_1: 3, expand_1: 3,
    });
    const depthGene = space.indexOf('depth');
    let mixed = 0;
    for (let trial = 0; trial < 200; trial += 1) {
      for (const child of crossover.cross(space, rng, deep, shallow)) {
        expect(isCanonical(space, child)).toBe(true);
        if (child[depthGene] === shallow[depthGene] && child.some((value, gene) => value === 2 && gene > depthGene)) mixed += 1;
      }
    }
    // Children mixing a shallow depth with deep block genes exist, so canonicalisation was exercised.
    expect(mixed).toBeGreaterThan(0);
  });

  it('takes every gene of a child from one of the parents, the other parent giving it to the other child', () => {
    const space = gridSpace();
    const crossover = build();
    const rng = createRng(13);
    for (let trial = 0; trial < 100; trial += 1) {
      const first = space.sample(rng);
      const second = space.sample(rng);
      const [childA, childB] = crossover.cross(space, rng, first, second);
      for (let gene = 0; gene < space.geneCount; gene += 1) {
        expect([childA[gene], childB[gene]].sort()).toEqual([first[gene], second[gene]].sort());
      }
    }
  });

  it('returns the parents unchanged when the crossover probability is 0', () => {
    const space = gridSpace();
    const crossover = _name === 'uniform' ? new UniformCrossover({ probability: 0 }) : new TwoPointCrossover({ probability: 0 });
    const rng = createRng(14);
    const first = space.sample(rng);
    const second = space.sample(rng);
    expect(crossover.cross(space, rng, first, second)).toEqual([first, second]);
  });
});

describe('UniformCrossover', () => {
  it('swaps every gene when the swap probability is 1', () => {
    const space = gridSpace();
    const first: Genome = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const second: Genome = [9, 8, 7, 6, 5, 4, 3, 2, 1, 0];
    const crossover = new UniformCrossover({ probability: 1, swapProbability: 1 });
    expect(crossover.cross(space, createRng(1), first, second)).toEqual([second, first]);
  });

  it('rejects probabilities outside [0, 1]', () => {
    expect(() => new UniformCrossover({ probability: 1.5 })).toThrow(expect.objectContaining({ field: 'probability' }));
    expect(() => new UniformCrossover({ swapProbability: -0.1 })).toThrow(expect.objectContaining({ field: 'swapProbability' }));
  });
});

describe('TwoPointCrossover', () => {
  it('swaps one contiguous segment', () => {
    const space = gridSpace();
    const first: Genome = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    const second: Genome = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
    const crossover = new TwoPointCrossover({ probability: 1 });
    const rng = createRng(21);
    const segmentLengths = new Set<number>();
    for (let trial = 0; trial < 200; trial += 1) {
      const [childA, childB] = crossover.cross(space, rng, first, second);
      const pattern = childA.join('');
      expect(pattern).toMatch(/^0*1+0*$/);
      expect(childB.map((value) => 1 - value)).toEqual(childA);
      segmentLengths.add(childA.filter((value) => value === 1).length);
    }
    // Cut points cover the whole range: every segment length from 1 to 10 occurs.
    expect([...segmentLengths].sort((left, right) => left - right)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});
