import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import { hypervolume } from '../../indicators/index.js';
import type { Genome } from '../../space/index.js';
import { minimize } from '../minimize.js';
import { GenerationTermination } from '../operators/termination.js';
import { RandomSearchAlgorithm } from '../random/random-search-algorithm.js';
import {
  conditionalSpace,
  gridSpace,
  gridZdtEvaluator,
  gridZdtFront,
  isCanonical,
  twelveGenomeSpace,
} from '../testing/problems.js';
import type { Individual } from '../types.js';
import { Nsga2Algorithm } from './nsga2-algorithm.js';

const REFERENCE = [1.1, 1.1];

function gridAlgorithm(seed: number, populationSize = 40): Nsga2Algorithm {
  return new Nsga2Algorithm({ space: gridSpace(), rng: createRng(seed), populationSize, objectiveCount: 2 });
}

function runGenerations(algorithm: Nsga2Algorithm, generations: number): string[][] {
  const evaluate = gridZdtEvaluator(algorithm.space);
  const batches: string[][] = [];
  for (let generation = 0; generation < generations; generation += 1) {
    const genomes = algorithm.ask();
    batches.push(genomes.map((genome) => algorithm.space.key(genome)));
    algorithm.tell(evaluate(genomes));
  }
  return batches;
}

describe('Nsga2Algorithm', () => {
  it('asks for populationSize distinct canonical genomes first, then only genomes never asked', () => {
    const space = conditionalSpace();
    const algorithm = new Nsga2Algorithm({ space, rng: createRng(1), populationSize: 30, objectiveCount: 2 });
    const evaluate = (genomes: Genome[]): Individual[] =>
      genomes.map((genome) => {
        const values = space.decode(genome);
        const size = Object.keys(values).length;
        return { genome, key: space.key(genome), objectives: [size, -(values.resolution as number)], violation: 0 };
      });
    const everAsked = new Set<string>();
    for (let generation = 0; generation < 10; generation += 1) {
      const genomes = algorithm.ask();
      expect(genomes).toHaveLength(30);
      for (const genome of genomes) {
        expect(isCanonical(space, genome)).toBe(true);
        const key = space.key(genome);
        expect(everAsked.has(key)).toBe(false);
        everAsked.add(key);
      }
      algorithm.tell(evaluate(genomes));
      expect(algorithm.population()).toHaveLength(30);
    }
    expect([...algorithm.seenKeys].sort()).toEqual([...everAsked].sort());
  });

  it('converges on a ZDT1-like grid problem to at least 97% of the true front hypervolume', () => {
    const trueVolume = hypervolume(gridZdtFront(), REFERENCE);
    const volumeOf = (population: readonly Individual[]) =>
      hypervolume(population.map((individual) => [...individual.objectives]), REFERENCE) / trueVolume;
    const algorithm = gridAlgorithm(7, 40);
    const result = minimize(algorithm, gridZdtEvaluator(algorithm.space), new GenerationTermination(50));
    expect(result.evaluations).toBe(2000);
    expect(volumeOf(result.population)).toBeGreaterThanOrEqual(0.97);
    // Random search with the same budget falls far short, so the bar measures the algorithm.
    const space = gridSpace();
    const random = new RandomSearchAlgorithm({ space, rng: createRng(7), batchSize: 40, objectiveCount: 2 });
    expect(volumeOf(minimize(random, gridZdtEvaluator(space), new GenerationTermination(50)).population)).toBeLessThan(0.6);
  });

  it('is reproducible for a seed and differs between seeds', () => {
    const first = runGenerations(gridAlgorithm(42), 3);
    const again = runGenerations(gridAlgorithm(42), 3);
    const other = runGenerations(gridAlgorithm(43), 3);
    expect(again).toEqual(first);
    for (let generation = 0; generation < 3; generation += 1) expect(other[generation]).not.toEqual(first[generation]);
  });

  it('matches the recorded first genomes of seed 42 (regression fixture; update only for intended changes)', () => {
    const batches = runGenerations(gridAlgorithm(42), 3);
    expect(batches.map((batch) => batch.slice(0, 3))).toEqual([
      ['6.1.0.0.8.1.9.7.4.5', '1.2.1.5.7.8.2.0.9.4', '0.5.5.8.1.8.9.6.8.7'],
      ['1.1.7.2.7.2.9.0.8.0', '2.4.7.2.5.1.2.0.8.8', '1.2.6.5.5.2.1.1.5.1'],
      ['6.2.1.1.7.1.1.1.4.4', '1.1.0.0.0.6.9.2.9.4', '6.2.0.8.8.0.4.1.2.5'],
    ]);
  });

  it('does not depend on the order of the told individuals', () => {
    const forward = gridAlgorithm(5);
    const backward = gridAlgorithm(5);
    const evaluate = gridZdtEvaluator(forward.space);
    for (let generation = 0; generation < 6; generation += 1) {
      const genomes = forward.ask();
      expect(backward.ask()).toEqual(genomes);
      const evaluated = evaluate(genomes);
      forward.tell(evaluated);
      backward.tell([...evaluated].reverse());
      expect(backward.population().map((individual) => individual.key)).toEqual(
        forward.population().map((individual) => individual.key),
      );
    }
  });

  it('keeps going when evaluations fail and fewer individuals are told', () => {
    const algorithm = gridAlgorithm(9, 20);
    const evaluate = gridZdtEvaluator(algorithm.space);
    let told = 0;
    for (let generation = 0; generation < 15; generation += 1) {
      const genomes = algorithm.ask();
      expect(genomes).toHaveLength(20);
      // Every third candidate fails; in generation 3 all fail.
      const survivors = generation === 3 ? [] : evaluate(genomes).filter((_, index) => index % 3 !== 0);
      told += survivors.length;
      algorithm.tell(survivors);
      const population = algorithm.population();
      expect(population.length).toBeLessThanOrEqual(20);
      expect(population.length).toBe(Math.min(20, told));
      expect(population.every((individual) => algorithm.seenKeys.has(individual.key))).toBe(true);
    }
  });

  it('starts over from random samples when the whole first generation failed', () => {
    const algorithm = gridAlgorithm(10, 10);
    const first = algorithm.ask();
    algorithm.tell([]);
    const second = algorithm.ask();
    expect(second).toHaveLength(10);
    expect(second.some((genome) => first.some((other) => other.join('.') === genome.join('.')))).toBe(false);
  });

  it('keeps feasible individuals over infeasible ones and ends with an all-feasible population', () => {
    const space = gridSpace();
    // Feasible only when f1 >= 0.4; the unconstrained optimum lies mostly in the infeasible part.
    const violationOf = (objectives: readonly number[]) => Math.max(0, 0.4 - (objectives[0] as number));
    const algorithm = new Nsga2Algorithm({ space, rng: createRng(3), populationSize: 40, objectiveCount: 2 });
    const evaluate = gridZdtEvaluator(space, violationOf);
    const firstBatch = evaluate(algorithm.ask());
    algorithm.tell(firstBatch);
    const feasibleFirst = firstBatch.filter((individual) => individual.violation === 0).length;
    expect(feasibleFirst).toBeGreaterThan(0);
    expect(feasibleFirst).toBeLessThan(40);
    // After one survival the feasible ones are ranked ahead of every infeasible one.
    const ranks = algorithm.population().map((individual) => [individual.violation === 0, individual.rank] as const);
    const worstFeasible = Math.max(...ranks.filter(([feasible]) => feasible).map(([, rank]) => rank));
    const bestInfeasible = Math.min(...ranks.filter(([feasible]) => !feasible).map(([, rank]) => rank));
    expect(worstFeasible).toBeLessThan(bestInfeasible);
    const result = minimize(algorithm, evaluate, new GenerationTermination(40));
    expect(result.population).toHaveLength(40);
    expect(result.population.every((individual) => individual.violation === 0)).toBe(true);
    const feasibleFront = gridZdtFront().filter((point) => (point[0] as number) >= 0.4);
    const reached = hypervolume(result.population.map((individual) => [...individual.objectives]), REFERENCE);
    expect(reached / hypervolume(feasibleFront, REFERENCE)).toBeGreaterThan(0.9);
  });

  it('returns fewer and then no genomes when a small space runs out, without looping forever', () => {
    const space = twelveGenomeSpace();
    const algorithm = new Nsga2Algorithm({ space, rng: createRng(4), populationSize: 8, objectiveCount: 2 });
    const evaluate = (genomes: Genome[]): Individual[] =>
      genomes.map((genome) => ({ genome, key: space.key(genome), objectives: [genome[1] as number, -(genome[2] as number)], violation: 0 }));
    const sizes: number[] = [];
    for (let round = 0; round < 4; round += 1) {
      const genomes = algorithm.ask();
      sizes.push(genomes.length);
      algorithm.tell(evaluate(genomes));
    }
    expect(sizes).toEqual([8, 4, 0, 0]);
    expect(algorithm.seenKeys.size).toBe(12);
    expect(algorithm.population()).toHaveLength(8);
  });

  it('accepts individuals it never asked (a warm start) and never asks them again', () => {
    const space = gridSpace();
    const algorithm = new Nsga2Algorithm({ space, rng: createRng(6), populationSize: 10, objectiveCount: 2 });
    const evaluate = gridZdtEvaluator(space);
    const known = evaluate(Array.from({ length: 10 }, (_, index) => [index, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    algorithm.tell(known);
    expect(algorithm.population()).toHaveLength(10);
    const next = algorithm.ask().map((genome) => space.key(genome));
    expect(next.some((key) => known.some((individual) => individual.key === key))).toBe(false);
  });

  it('rejects bad settings and individuals with the wrong number of objectives', () => {
    const space = gridSpace();
    expect(() => new Nsga2Algorithm({ space, rng: createRng(1), populationSize: 0, objectiveCount: 2 })).toThrow(
      expect.objectContaining({ field: 'populationSize' }),
    );
    const algorithm = new Nsga2Algorithm({ space, rng: createRng(1), populationSize: 4, objectiveCount: 2 });
    const [genome] = algorithm.ask();
    expect(() => algorithm.tell([{ genome: genome as Genome, key: space.key(genome as Genome), objectives: [1], violation: 0 }])).toThrow(
      expect.objectContaining({ field: 'objectives' }),
    );
  });
});
