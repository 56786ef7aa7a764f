import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import { partsBuilders, checkNeverAsksTwice, checkStaysInPool, conditionalObjectives, gridZdtVolumeRatio, randomGridZdtVolumeRatio } from '../testing/algorithm-checks.js';
import { conditionalSpace, gridSpace, gridZdtEvaluator } from '../testing/problems.js';
import type { Individual } from '../types.js';
import { MoeadAlgorithm } from './moead-algorithm.js';

const { build, buildSbx } = partsBuilders((options) => new MoeadAlgorithm(options));

describe('MoeadAlgorithm', () => {
  it('asks one new canonical genome per subproblem, never one asked before', () => {
    const rounds = checkNeverAsksTwice(build, 1, 12);
    expect(rounds.every((keys) => keys.length === 30)).toBe(true);
    checkNeverAsksTwice(buildSbx, 1, 12);
  });

  it('is reproducible for a seed and differs between seeds', () => {
    const first = checkNeverAsksTwice(buildSbx, 42, 5);
    expect(checkNeverAsksTwice(buildSbx, 42, 5)).toEqual(first);
    expect(checkNeverAsksTwice(buildSbx, 43, 5)).not.toEqual(first);
  });

  it('stays inside a pool and uses it up exactly', () => {
    checkStaysInPool(build, 5);
    checkStaysInPool(buildSbx, 5);
  });

  it('converges on the ZDT1-like grid problem (95% of the true front hypervolume in 2,000 evaluations)', () => {
    for (const seed of [7, 8]) {
      const reached = gridZdtVolumeRatio(build, seed, 40, 50);
      expect(reached).toBeGreaterThanOrEqual(0.95);
      // Random search with the same budget falls far short, so the bar measures the algorithm.
      expect(reached - randomGridZdtVolumeRatio(seed, 40, 50)).toBeGreaterThan(0.3);
    }
  });

  it('updates the ideal point from every evaluation, replaced or not, and gives each initial genome its subproblem', () => {
    const space = gridSpace();
    const algorithm = new MoeadAlgorithm({ space, rng: createRng(2), populationSize: 10, objectiveCount: 2 });
    expect(algorithm.weights).toHaveLength(10);
    expect(algorithm.neighbours[0]).toHaveLength(2);
    const evaluate = gridZdtEvaluator(space);
    const initial = algorithm.askCandidates();
    algorithm.tell(evaluate(initial.map((candidate) => candidate.genome)));
    expect(algorithm.subproblemIncumbents().map((member) => member?.key)).toEqual(initial.map((candidate) => candidate.key));
    const told: Individual[] = [...evaluate(initial.map((candidate) => candidate.genome))];
    for (let round = 0; round < 5; round += 1) {
      const batch = evaluate(algorithm.ask());
      told.push(...batch);
      algorithm.tell(batch);
    }
    const smallest = [0, 1].map((column) => Math.min(...told.map((member) => member.objectives[column] as number)));
    expect(algorithm.ideal).toEqual(smallest);
    expect(algorithm.population().length).toBeGreaterThan(0);
    expect(algorithm.population().length).toBeLessThanOrEqual(10);
  });

  it('does not depend on the order of the told individuals', () => {
    const run = (reverse: boolean): string[] => {
      const space = conditionalSpace();
      const algorithm = new MoeadAlgorithm({ space, rng: createRng(5), populationSize: 20, objectiveCount: 2 });
      const keys: string[] = [];
      for (let round = 0; round < 4; round += 1) {
        const genomes = algorithm.ask();
        keys.push(...genomes.map((genome) => space.key(genome)));
        const told = conditionalObjectives(space, genomes);
        algorithm.tell(reverse ? told.reverse() : told);
      }
      return keys;
    };
    expect(run(true)).toEqual(run(false));
  });

  it('starts over from random samples when the whole first batch failed, and rejects bad settings', () => {
    const algorithm = new MoeadAlgorithm({ space: gridSpace(), rng: createRng(1), populationSize: 8, objectiveCount: 2 });
    const first = algorithm.ask();
    algorithm.tell([]);
    const second = algorithm.ask();
    expect(second).toHaveLength(8);
    expect(second).not.toEqual(first);
    const options = { space: gridSpace(), rng: createRng(1), populationSize: 8, objectiveCount: 2 };
    expect(() => new MoeadAlgorithm({ ...options, neighbourhoodSize: 9 })).toThrow();
    expect(() => new MoeadAlgorithm({ ...options, neighbourhoodProbability: 1.5 })).toThrow();
    expect(() => new MoeadAlgorithm({ ...options, maxReplacements: 0 })).toThrow();
    expect(() => new MoeadAlgorithm({ ...options, objectiveCount: 0 })).toThrow();
    expect(new MoeadAlgorithm({ ...options, objectiveCount: 3, populationSize: 50 }).weights).toHaveLength(45);
  });
});
