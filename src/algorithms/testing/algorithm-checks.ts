// Checks every ask/tell algorithm must pass, shared by the algorithm tests: canonical, never asked twice, seeded.

import { expect } from 'vitest';
import { createRng, type Rng } from '../../core/rng.js';
import { hypervolume } from '../../indicators/index.js';
import type { Genome, SearchSpace } from '../../space/index.js';
import type { CandidateAlgorithm } from '../candidate-algorithm.js';
import { minimize } from '../minimize.js';
import { CandidatePool } from '../operators/candidate-pool.js';
import { NearestPoolRepair } from '../operators/pool-repair.js';
import { PoolSampling } from '../operators/pool-sampling.js';
import { PolynomialMutation } from '../operators/polynomial-mutation.js';
import { SimulatedBinaryCrossover } from '../operators/simulated-binary-crossover.js';
import { GenerationTermination } from '../operators/termination.js';
import { RandomSearchAlgorithm } from '../random/random-search-algorithm.js';
import type { Individual } from '../types.js';
import { conditionalSpace, gridSpace, gridZdtEvaluator, gridZdtFront, isCanonical } from './problems.js';

/** Builds the algorithm under test for a space, seed and population size, optionally confined to a pool. */
export type AlgorithmBuilder = (space: SearchSpace, rng: Rng, populationSize: number, pool?: CandidatePool) => CandidateAlgorithm;

/** Two cheap, conflicting objectives of the conditional test space. */
export function conditionalObjectives(space: SearchSpace, genomes: readonly Genome[]): Individual[] {
  return genomes.map((genome) => {
    const values = space.decode(genome);
    const size = Object.keys(values).length;
    const width = values['width'] as number;
    return { genome, key: space.key(genome), objectives: [size * width, -(values['resolution'] as number) * width - size], violation: 0 };
  });
}

/** Runs `generations` ask/tell rounds and checks every asked genome is canonical and new. Returns the asked keys per round. */
export function checkNeverAsksTwice(build: AlgorithmBuilder, seed: number, generations: number, populationSize = 30): string[][] {
  const space = conditionalSpace();
  const algorithm = build(space, createRng(seed), populationSize);
  const everAsked = new Set<string>();
  const rounds: string[][] = [];
  for (let generation = 0; generation < generations; generation += 1) {
    const genomes = algorithm.ask();
    expect(genomes.length).toBeGreaterThan(0);
    expect(genomes.length).toBeLessThanOrEqual(populationSize);
    const keys: string[] = [];
    for (const genome of genomes) {
      expect(isCanonical(space, genome)).toBe(true);
      const key = space.key(genome);
      expect(everAsked.has(key)).toBe(false);
      everAsked.add(key);
      keys.push(key);
    }
    rounds.push(keys);
    algorithm.tell(conditionalObjectives(space, genomes));
  }
  expect([...algorithm.seenKeys].sort()).toEqual([...everAsked].sort());
  return rounds;
}

/** A pool of `size` distinct random genomes of the space. */
export function randomPool(space: SearchSpace, size: number, seed: number): CandidatePool {
  const rng = createRng(seed);
  const genomes: Genome[] = [];
  const keys = new Set<string>();
  while (genomes.length < size) {
    const genome = space.sample(rng);
    const key = space.key(genome);
    if (keys.has(key)) continue;
    keys.add(key);
    genomes.push(genome);
  }
  return new CandidatePool(space, genomes);
}

/** Asks until the pool is used up: only members, each once, all of them. */
export function checkStaysInPool(build: AlgorithmBuilder, seed: number): void {
  const space = conditionalSpace();
  const pool = randomPool(space, 150, 4);
  const algorithm = build(space, createRng(seed), 20, pool);
  const asked = new Set<string>();
  for (let round = 0; round < 40; round += 1) {
    const genomes = algorithm.ask();
    if (genomes.length === 0) break;
    for (const genome of genomes) {
      const key = space.key(genome);
      expect(pool.positionOf(key)).not.toBe(-1);
      expect(asked.has(key)).toBe(false);
      asked.add(key);
    }
    algorithm.tell(conditionalObjectives(space, genomes));
  }
  expect(asked.size).toBe(150);
  expect(algorithm.ask()).toEqual([]);
}

/** Hypervolume ratio (reference (1.1, 1.1)) reached on the ZDT1-like grid problem after `generations` rounds. */
export function gridZdtVolumeRatio(build: AlgorithmBuilder, seed: number, populationSize: number, generations: number): number {
  const reference = [1.1, 1.1];
  const algorithm = build(gridSpace(), createRng(seed), populationSize);
  const result = minimize(algorithm, gridZdtEvaluator(gridSpace()), new GenerationTermination(generations));
  const front = result.population.map((individual) => [...individual.objectives]);
  return hypervolume(front, reference) / hypervolume(gridZdtFront(), reference);
}

/** The same ratio for random search with the same seed, batch size and number of rounds. */
export function randomGridZdtVolumeRatio(seed: number, batchSize: number, generations: number): number {
  return gridZdtVolumeRatio((space, rng) => new RandomSearchAlgorithm({ space, rng, batchSize, objectiveCount: 2 }), seed, batchSize, generations);
}

/** Options every algorithm built from the shared parts accepts. */
export interface PartsOptions {
  readonly space: SearchSpace;
  readonly rng: Rng;
  readonly populationSize: number;
  readonly objectiveCount: number;
  readonly crossover?: SimulatedBinaryCrossover;
  readonly mutation?: PolynomialMutation;
  readonly sampling?: PoolSampling;
  readonly repair?: NearestPoolRepair;
}

/**
 * The two builders every algorithm test uses for a two-objective algorithm: default operators (uniform
 * crossover, random-reset mutation) and the tactics' operators (integer SBX p 0.9 eta 15, polynomial mutation on
 * 2% of offspring, eta 20); both restricted to a pool when one is given.
 */
export function partsBuilders(create: (options: PartsOptions) => CandidateAlgorithm): { build: AlgorithmBuilder; buildSbx: AlgorithmBuilder } {
  const poolOptions = (pool: CandidatePool | undefined) =>
    pool === undefined ? {} : { sampling: new PoolSampling(pool), repair: new NearestPoolRepair(pool) };
  return {
    build: (space, rng, populationSize, pool) => create({ space, rng, populationSize, objectiveCount: 2, ...poolOptions(pool) }),
    buildSbx: (space, rng, populationSize, pool) =>
      create({
        space,
        rng,
        populationSize,
        objectiveCount: 2,
        crossover: new SimulatedBinaryCrossover({ probability: 0.9, eta: 15 }),
        mutation: new PolynomialMutation({ probability: 0.02, eta: 20 }),
        ...poolOptions(pool),
      }),
  };
}
