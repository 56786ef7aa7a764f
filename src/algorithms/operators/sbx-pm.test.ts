import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import { conditionalSpace, gridSpace, isCanonical } from '../testing/problems.js';
import { PolynomialMutation } from './polynomial-mutation.js';
import { SimulatedBinaryCrossover } from './simulated-binary-crossover.js';

describe('SimulatedBinaryCrossover', () => {
  it('returns identical parents unchanged and keeps children in range and canonical', () => {
    const space = conditionalSpace();
    const rng = createRng(1);
    const crossover = new SimulatedBinaryCrossover();
    for (let i = 0; i < 300; i += 1) {
      const first = space.sample(rng);
      const second = space.sample(rng);
      expect(crossover.cross(space, rng, first, first)).toEqual([first, first]);
      for (const child of crossover.cross(space, rng, first, second)) {
        child.forEach((choice, gene) => {
          expect(choice).toBeGreaterThanOrEqual(0);
          expect(choice).toBeLessThan(space.choiceCounts[gene] as number);
        });
        expect(isCanonical(space, child)).toBe(true);
      }
    }
  });

  it('keeps children between or near the parents: a large eta rarely leaves [low, high]', () => {
    const space = gridSpace(); // 10 genes x choices 0..9
    const rng = createRng(2);
    const crossover = new SimulatedBinaryCrossover({ probability: 1, geneProbability: 1, eta: 50 });
    let outside = 0;
    let total = 0;
    for (let i = 0; i < 500; i += 1) {
      const first = [2, 2, 2, 2, 2, 2, 2, 2, 2, 2];
      const second = [6, 6, 6, 6, 6, 6, 6, 6, 6, 6];
      for (const child of crossover.cross(space, rng, first, second)) {
        for (const choice of child) {
          total += 1;
          if (choice < 2 || choice > 6) outside += 1;
        }
      }
    }
    expect(outside / total).toBeLessThan(0.02);
  });

  it('probability 0 gives the parents back', () => {
    const space = gridSpace();
    const rng = createRng(3);
    const first = space.sample(rng);
    const second = space.sample(rng);
    expect(new SimulatedBinaryCrossover({ probability: 0 }).cross(space, rng, first, second)).toEqual([first, second]);
  });
});

describe('PolynomialMutation', () => {
  it('probability 0 never mutates; probability 1 mutates only active genes, in range, canonical', () => {
    const space = conditionalSpace();
    const rng = createRng(4);
    const never = new PolynomialMutation({ probability: 0 });
    const always = new PolynomialMutation({ probability: 1, geneProbability: 1, eta: 1 });
    let changed = 0;
    for (let i = 0; i < 300; i += 1) {
      const genome = space.sample(rng);
      expect(never.mutate(space, rng, genome)).toBe(genome);
      const active = space.activeMask(genome);
      const child = always.mutate(space, rng, genome);
      expect(isCanonical(space, child)).toBe(true);
      child.forEach((choice, gene) => {
        expect(choice).toBeLessThan(space.choiceCounts[gene] as number);
        if (!active[gene] && !space.activeMask(child)[gene]) expect(choice).toBe(0);
      });
      if (child.some((choice, gene) => choice !== genome[gene])) changed += 1;
    }
    expect(changed).toBeGreaterThan(150);
  });

  it('mutates about the requested share of offspring', () => {
    const space = gridSpace();
    const rng = createRng(5);
    const mutation = new PolynomialMutation({ probability: 0.1, geneProbability: 1, eta: 1 });
    let changed = 0;
    for (let i = 0; i < 2000; i += 1) {
      const genome = [5, 5, 5, 5, 5, 5, 5, 5, 5, 5];
      if (mutation.mutate(space, rng, genome) !== genome) changed += 1;
    }
    expect(changed / 2000).toBeGreaterThan(0.07);
    expect(changed / 2000).toBeLessThan(0.13);
  });
});
