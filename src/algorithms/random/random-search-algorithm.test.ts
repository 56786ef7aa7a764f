import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import { paretoFrontIndices } from '../../indicators/index.js';
import type { Genome } from '../../space/index.js';
import { conditionalSpace, gridSpace, gridZdtEvaluator, isCanonical, twelveGenomeSpace } from '../testing/problems.js';
import type { Individual } from '../types.js';
import { RandomSearchAlgorithm } from './random-search-algorithm.js';

describe('RandomSearchAlgorithm', () => {
  it('asks batches of new canonical genomes and never repeats one', () => {
    const space = conditionalSpace();
    const algorithm = new RandomSearchAlgorithm({ space, rng: createRng(1), batchSize: 25, objectiveCount: 1 });
    const asked = new Set<string>();
    for (let round = 0; round < 8; round += 1) {
      const genomes = algorithm.ask();
      expect(genomes).toHaveLength(25);
      for (const genome of genomes) {
        expect(isCanonical(space, genome)).toBe(true);
        const key = space.key(genome);
        expect(asked.has(key)).toBe(false);
        asked.add(key);
      }
    }
    expect(algorithm.seenKeys.size).toBe(200);
  });

  it('keeps as population exactly the non-dominated set of everything told, in any tell order', () => {
    const space = gridSpace();
    const evaluate = gridZdtEvaluator(space);
    const forward = new RandomSearchAlgorithm({ space, rng: createRng(2), batchSize: 30 });
    const backward = new RandomSearchAlgorithm({ space, rng: createRng(2), batchSize: 30 });
    const told: Individual[] = [];
    for (let round = 0; round < 5; round += 1) {
      const evaluated = evaluate(forward.ask());
      backward.ask();
      told.push(...evaluated);
      forward.tell(evaluated);
      backward.tell([...evaluated].reverse());
    }
    const expected = paretoFrontIndices(told.map((individual) => [...individual.objectives]))
      .map((index) => (told[index] as Individual).key)
      .sort();
    expect(forward.population().map((individual) => individual.key)).toEqual(expected);
    expect(backward.population().map((individual) => individual.key)).toEqual(expected);
  });

  it('prefers feasible individuals, and the least violating ones while none is feasible', () => {
    const space = gridSpace();
    const algorithm = new RandomSearchAlgorithm({ space, rng: createRng(3), batchSize: 4, objectiveCount: 2 });
    const genomes = algorithm.ask();
    const individual = (index: number, objectives: number[], violation: number): Individual => ({
      genome: genomes[index] as Genome,
      key: space.key(genomes[index] as Genome),
      objectives,
      violation,
    });
    algorithm.tell([individual(0, [0, 0], 0.5), individual(1, [1, 1], 0.2), individual(2, [0, 1], 0.2)]);
    expect(algorithm.population().map((member) => member.violation)).toEqual([0.2, 0.2]);
    algorithm.tell([individual(3, [5, 5], 0)]);
    expect(algorithm.population().map((member) => member.key)).toEqual([space.key(genomes[3] as Genome)]);
  });

  it('returns fewer and then no genomes once a small space is exhausted', () => {
    const algorithm = new RandomSearchAlgorithm({ space: twelveGenomeSpace(), rng: createRng(4), batchSize: 5 });
    expect([algorithm.ask().length, algorithm.ask().length, algorithm.ask().length, algorithm.ask().length]).toEqual([5, 5, 2, 0]);
  });

  it('rejects a bad batch size and objective counts that change', () => {
    const space = gridSpace();
    expect(() => new RandomSearchAlgorithm({ space, rng: createRng(1), batchSize: 0 })).toThrow(
      expect.objectContaining({ field: 'batchSize' }),
    );
    const algorithm = new RandomSearchAlgorithm({ space, rng: createRng(1), batchSize: 2 });
    const [first, second] = algorithm.ask() as [Genome, Genome];
    algorithm.tell([{ genome: first, key: space.key(first), objectives: [1, 2], violation: 0 }]);
    expect(() => algorithm.tell([{ genome: second, key: space.key(second), objectives: [1], violation: 0 }])).toThrow(
      expect.objectContaining({ field: 'objectives' }),
    );
  });
});
