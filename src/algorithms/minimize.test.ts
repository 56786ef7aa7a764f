import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.js';
import type { Genome } from '../space/index.js';
import { minimize } from './minimize.js';
import { Nsga2Algorithm } from './nsga2/nsga2-algorithm.js';
import { EvaluationTermination, GenerationTermination, NoTermination } from './operators/termination.js';
import { RandomSearchAlgorithm } from './random/random-search-algorithm.js';
import { gridSpace, gridZdtEvaluator, twelveGenomeSpace } from './testing/problems.js';
import type { Individual } from './types.js';

describe('minimize', () => {
  it('counts evaluations and generations and stops at the evaluation budget', () => {
    const space = gridSpace();
    const algorithm = new Nsga2Algorithm({ space, rng: createRng(1), populationSize: 30, objectiveCount: 2 });
    let calls = 0;
    const evaluate = gridZdtEvaluator(space);
    const result = minimize(
      algorithm,
      (genomes) => {
        calls += 1;
        return evaluate(genomes);
      },
      new EvaluationTermination(100),
    );
    // 30 per generation: the fourth generation crosses 100 and the run stops there.
    expect(result).toMatchObject({ evaluations: 120, generations: 4 });
    expect(calls).toBe(4);
    expect(result.population).toHaveLength(30);
  });

  it('stops after a number of generations', () => {
    const space = gridSpace();
    const algorithm = new RandomSearchAlgorithm({ space, rng: createRng(2), batchSize: 7 });
    const result = minimize(algorithm, gridZdtEvaluator(space), new GenerationTermination(3));
    expect(result).toMatchObject({ evaluations: 21, generations: 3 });
  });

  it('ends without a criterion once the space is exhausted, counting failed evaluations too', () => {
    const space = twelveGenomeSpace();
    const algorithm = new Nsga2Algorithm({ space, rng: createRng(3), populationSize: 5, objectiveCount: 1 });
    // Genomes whose width index is 0 fail and are left out.
    const evaluate = (genomes: Genome[]): Individual[] =>
      genomes
        .filter((genome) => genome[1] !== 0)
        .map((genome) => ({ genome, key: space.key(genome), objectives: [genome[1] as number], violation: 0 }));
    const result = minimize(algorithm, evaluate, new NoTermination());
    expect(result.evaluations).toBe(12);
    expect(algorithm.seenKeys.size).toBe(12);
    expect(result.population.every((individual) => individual.genome[1] !== 0)).toBe(true);
  });

  it('hands the evaluator the canonical key of every genome when the algorithm provides them', () => {
    const space = gridSpace();
    const algorithm = new Nsga2Algorithm({ space, rng: createRng(4), populationSize: 10, objectiveCount: 2 });
    const evaluate = gridZdtEvaluator(space);
    let checked = 0;
    minimize(
      algorithm,
      (genomes, keys) => {
        expect(keys).toEqual(genomes.map((genome) => space.key(genome)));
        checked += genomes.length;
        return evaluate(genomes, keys);
      },
      new GenerationTermination(3),
    );
    expect(checked).toBe(30);
  });

  it('works with an algorithm that only implements ask/tell', () => {
    const space = gridSpace();
    const inner = new RandomSearchAlgorithm({ space, rng: createRng(5), batchSize: 4 });
    const plain = {
      name: 'plain',
      ask: () => inner.ask(),
      tell: (evaluated: readonly Individual[]) => inner.tell(evaluated),
      population: () => inner.population(),
      get seenKeys() {
        return inner.seenKeys;
      },
    };
    const result = minimize(
      plain,
      (genomes, keys) => {
        expect(keys).toBeUndefined();
        return gridZdtEvaluator(space)(genomes);
      },
      new GenerationTermination(2),
    );
    expect(result.evaluations).toBe(8);
  });
});
