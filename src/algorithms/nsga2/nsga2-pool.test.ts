import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import type { Rng } from '../../core/rng.js';
import type { Genome, SearchSpace } from '../../space/index.js';
import { CandidatePool } from '../operators/candidate-pool.js';
import { NearestPoolRepair } from '../operators/pool-repair.js';
import { PoolSampling } from '../operators/pool-sampling.js';
import type { Candidate, Repair } from '../operators/types.js';
import { conditionalSpace, gridSpace, gridZdtEvaluator } from '../testing/problems.js';
import type { Individual } from '../types.js';
import { Nsga2Algorithm } from './nsga2-algorithm.js';

function poolOf(space: SearchSpace, size: number, seed: number): CandidatePool {
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

/** Two cheap objectives from the decoded values, so survival has something to rank. */
function evaluate(space: SearchSpace, genomes: readonly Genome[]): Individual[] {
  return genomes.map((genome) => {
    const values = space.decode(genome);
    const size = Object.keys(values).length;
    return { genome, key: space.key(genome), objectives: [size, -(values['resolution'] as number) - size], violation: 0 };
  });
}

function poolAlgorithm(space: SearchSpace, pool: CandidatePool, seed: number): Nsga2Algorithm {
  return new Nsga2Algorithm({
    space,
    rng: createRng(seed),
    populationSize: 24,
    objectiveCount: 2,
    sampling: new PoolSampling(pool),
    repair: new NearestPoolRepair(pool),
  });
}

describe('Nsga2Algorithm with a pool', () => {
  it('asks only pool members, never twice, until the pool is used up exactly', () => {
    const space = conditionalSpace();
    const pool = poolOf(space, 200, 4);
    const algorithm = poolAlgorithm(space, pool, 1);
    const asked: string[] = [];
    const batchSizes: number[] = [];
    for (let generation = 0; generation < 50; generation += 1) {
      const genomes = algorithm.ask();
      if (genomes.length === 0) break;
      batchSizes.push(genomes.length);
      for (const genome of genomes) asked.push(space.key(genome));
      algorithm.tell(evaluate(space, genomes));
    }
    expect(asked.every((key) => pool.has(key))).toBe(true);
    expect(new Set(asked).size).toBe(asked.length);
    expect(asked).toHaveLength(200);
    // Full generations of 24 until the last 8 members.
    expect(batchSizes).toEqual([24, 24, 24, 24, 24, 24, 24, 24, 8]);
    expect(algorithm.ask()).toEqual([]);
  });

  it('is deterministic for a seed', () => {
    const space = conditionalSpace();
    const pool = poolOf(space, 200, 4);
    const run = (seed: number): string[] => {
      const algorithm = poolAlgorithm(space, pool, seed);
      const keys: string[] = [];
      for (let generation = 0; generation < 4; generation += 1) {
        const genomes = algorithm.ask();
        keys.push(...genomes.map((genome) => space.key(genome)));
        algorithm.tell(evaluate(space, genomes));
      }
      return keys;
    };
    expect(run(3)).toEqual(run(3));
    expect(run(3)).not.toEqual(run(4));
  });

  it('repairs every child after mutation and drops the children the repair rejects', () => {
    const space = gridSpace();
    const seen: Genome[] = [];
    // Keeps children whose first gene is even, rejects the others.
    const evenOnly: Repair = {
      repair(repairSpace: SearchSpace, _rng: Rng, genome: Genome): Candidate | null {
        seen.push(genome);
        return (genome[0] as number) % 2 === 0 ? { genome, key: repairSpace.key(genome) } : null;
      },
    };
    const algorithm = new Nsga2Algorithm({ space, rng: createRng(2), populationSize: 20, objectiveCount: 2, repair: evenOnly });
    const evaluator = gridZdtEvaluator(space);
    algorithm.tell(evaluator(algorithm.ask()));
    expect(seen).toHaveLength(0); // the first population is sampled, not mated
    const offspring = algorithm.ask();
    expect(seen.length).toBeGreaterThan(0);
    const mated = offspring.filter((genome) => seen.includes(genome));
    expect(mated.length).toBeGreaterThan(0);
    for (const genome of mated) expect((genome[0] as number) % 2).toBe(0);
  });
});
