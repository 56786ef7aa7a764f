import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import { partsBuilders, checkNeverAsksTwice, checkStaysInPool, gridZdtVolumeRatio, randomGridZdtVolumeRatio } from '../testing/algorithm-checks.js';
import { minimize } from '../minimize.js';
import { GenerationTermination } from '../operators/termination.js';
import { gridSpace, gridZdtEvaluator } from '../testing/problems.js';
import { AgeMoeaAlgorithm } from './agemoea-algorithm.js';

const { build, buildSbx } = partsBuilders((options) => new AgeMoeaAlgorithm(options));

describe('AgeMoeaAlgorithm', () => {
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

  it('reports the geometry of the latest first front; p of the ZDT1-like front is below 1 (convex)', () => {
    const algorithm = build(gridSpace(), createRng(3), 40) as AgeMoeaAlgorithm;
    expect(algorithm.name).toBe('agemoea');
    expect(algorithm.geometry).toBeUndefined();
    minimize(algorithm, gridZdtEvaluator(algorithm.space), new GenerationTermination(30));
    expect(algorithm.population()).toHaveLength(40);
    // f2 = 1 - sqrt(f1) is the Lp sphere with p = 0.5.
    expect(algorithm.geometry?.p).toBeGreaterThan(0.3);
    expect(algorithm.geometry?.p).toBeLessThan(0.8);
  });
});
