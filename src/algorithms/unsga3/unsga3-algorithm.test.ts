import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import { partsBuilders, checkNeverAsksTwice, checkStaysInPool, gridZdtVolumeRatio, randomGridZdtVolumeRatio } from '../testing/algorithm-checks.js';
import { gridSpace } from '../testing/problems.js';
import { Nsga2Algorithm } from '../nsga2/nsga2-algorithm.js';
import { UNsga3Algorithm } from './unsga3-algorithm.js';

const { build, buildSbx } = partsBuilders((options) => new UNsga3Algorithm(options));

describe('UNsga3Algorithm', () => {
  it('asks only canonical genomes never asked before', () => {
    checkNeverAsksTwice(build, 1, 12);
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

  it('converges on the ZDT1-like grid problem (97% of the true front hypervolume in 2,000 evaluations)', () => {
    for (const seed of [7, 8]) {
      const reached = gridZdtVolumeRatio(build, seed, 40, 50);
      expect(reached).toBeGreaterThanOrEqual(0.97);
      // Random search with the same budget falls far short, so the bar measures the algorithm.
      expect(reached - randomGridZdtVolumeRatio(seed, 40, 50)).toBeGreaterThan(0.3);
    }
  });

  it('takes its reference directions from the population size, or the partitions given', () => {
    const two = new UNsga3Algorithm({ space: gridSpace(), rng: createRng(1), populationSize: 40, objectiveCount: 2 });
    expect(two.name).toBe('unsga3');
    expect(two.directions).toHaveLength(40);
    expect(new UNsga3Algorithm({ space: gridSpace(), rng: createRng(1), populationSize: 50, objectiveCount: 3 }).directions).toHaveLength(45);
    expect(new UNsga3Algorithm({ space: gridSpace(), rng: createRng(1), populationSize: 92, objectiveCount: 3, partitions: 12 }).directions).toHaveLength(91);
    expect(() => new UNsga3Algorithm({ space: gridSpace(), rng: createRng(1), populationSize: 0, objectiveCount: 2 })).toThrow();
  });
});

describe('UNsga3Algorithm and NSGA-II for the same seed', () => {
  it('start from the same random population', () => {
    const space = gridSpace();
    const nsga2 = new Nsga2Algorithm({ space, rng: createRng(11), populationSize: 20, objectiveCount: 2 });
    const unsga3 = new UNsga3Algorithm({ space, rng: createRng(11), populationSize: 20, objectiveCount: 2 });
    expect(unsga3.ask()).toEqual(nsga2.ask());
  });
});
