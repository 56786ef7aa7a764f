import { describe, expect, it } from 'vitest';
import { conditionalSpace } from '../algorithms/testing/problems.js';
import type { ObjectiveSpec } from '../core/objective.js';
import { createRng } from '../core/rng.js';
import type { Candidate, EvaluationResult, Evaluator } from '../evaluators/types.js';
import { createRecordCodec, type Genome, type SearchSpace } from '../space/index.js';
import { openTrialStore } from '../storage/index.js';
import { Study } from '../study/index.js';
import { PoolTactic, candidatePoolOf } from './pool.js';
import { listTactics, tacticFactory } from './registry.js';
import type { Observation, ProposalContext, Tactic, TacticContext } from './types.js';

const objectives: ObjectiveSpec[] = [
  { name: 'score', direction: 'maximize', unit: '%' },
  { name: 'cost', direction: 'minimize', unit: 'units' },
];

/** 200 distinct canonical genomes of a space of 132,678. */
function poolGenomes(space: SearchSpace, size = 200, seed = 17): Genome[] {
  const rng = createRng(seed);
  const genomes: Genome[] = [];
  const keys = new Set<string>();
  while (genomes.length < size) {
    const genome = space.sample(rng);
    if (keys.has(space.key(genome))) continue;
    keys.add(space.key(genome));
    genomes.push(genome);
  }
  return genomes;
}

function scoreOf(space: SearchSpace, genome: Genome): { score: number; cost: number } {
  const values = space.decode(genome);
  let cost = 0;
  for (const [name, value] of Object.entries(values)) if (name.startsWith('kernel')) cost += value as number;
  return { score: 100 * (1 - Math.exp(-cost / 20)) + (cost % 3), cost };
}

class CountingEvaluator implements Evaluator {
  readonly id = 'pool-toy@1';
  readonly provides = ['score', 'cost'];
  readonly calls: string[] = [];
  constructor(private readonly space: SearchSpace) {}
  async evaluate(candidates: readonly Candidate[]): Promise<EvaluationResult[]> {
    return candidates.map((candidate) => {
      this.calls.push(candidate.key);
      return { ok: true, values: scoreOf(this.space, candidate.genome) };
    });
  }
}

async function runStudy(tactic: string, space: SearchSpace, pool: readonly Genome[], budget: number, seed = 5) {
  const store = await openTrialStore('sqlite::memory:');
  try {
    const evaluator = new CountingEvaluator(space);
    const study = await Study.open({
      store,
      name: 'pool',
      settings: { formatVersion: 1, problem: null, objectives, tactic, tacticOptions: {}, seed, populationSize: 24, budget },
      environment: { space, codec: createRecordCodec(space), evaluators: [evaluator], createTactic: tacticFactory(tactic), pool },
      mode: 'create',
    });
    const progress = await study.optimize();
    return { progress, evaluator, keys: study.trials().map((trial) => trial.key), exhausted: study.isExhausted };
  } finally {
    await store.close();
  }
}

/** A tactic that knows nothing of pools: uniform random genomes of the whole space, forever. */
class SpaceWideTactic implements Tactic {
  readonly name = 'space-wide';
  readonly observed: string[] = [];
  readonly proposed: string[] = [];
  constructor(
    private readonly space: SearchSpace,
    private readonly rng = createRng(99),
  ) {}
  propose(_context: ProposalContext): Genome[] {
    const batch = Array.from({ length: 30 }, () => this.space.sample(this.rng));
    this.proposed.push(...batch.map((genome) => this.space.key(genome)));
    return batch;
  }
  observe(batch: readonly Observation[]): void {
    for (const observation of batch) this.observed.push(observation.key);
  }
}

describe('pool search through the tactic registry', () => {
  const space = conditionalSpace();
  const pool = poolGenomes(space);
  const poolKeys = new Set(pool.map((genome) => space.key(genome)));

  for (const tactic of ['random', 'nsga2', 'nsga2-uniform']) {
    it(`${tactic}: evaluates only pool members, never twice, and stops at the pool size when the budget is larger`, async () => {
      const { progress, evaluator, keys, exhausted } = await runStudy(tactic, space, pool, 500);
      expect(progress.evaluations).toBe(200);
      expect(evaluator.calls).toHaveLength(200);
      expect(new Set(evaluator.calls).size).toBe(200);
      expect(keys.every((key) => poolKeys.has(key))).toBe(true);
      expect(new Set(keys)).toEqual(poolKeys);
      expect(exhausted).toBe(true);
    });
  }

  it('every registered tactic evaluates only distinct pool members', async () => {
    for (const entry of listTactics()) {
      const { keys } = await runStudy(entry.name, space, pool, 60, 2);
      expect(keys.length, entry.name).toBeGreaterThan(0);
      expect(keys.every((key) => poolKeys.has(key)), entry.name).toBe(true);
      expect(new Set(keys).size, entry.name).toBe(keys.length);
    }
  });

  it('nsga2 spends a budget smaller than the pool on pool members only, deterministically', async () => {
    const first = await runStudy('nsga2', space, pool, 90, 3);
    const second = await runStudy('nsga2', space, pool, 90, 3);
    expect(first.keys).toHaveLength(90);
    expect(first.keys.every((key) => poolKeys.has(key))).toBe(true);
    expect(second.keys).toEqual(first.keys);
  });

  it('every registered tactic is wrapped in a PoolTactic when a pool is given, and is not without one', () => {
    const context: TacticContext = { space, objectives, rng: createRng(1), populationSize: 24, options: {}, pool };
    const { pool: _omitted, ...withoutPool } = context;
    for (const entry of listTactics()) {
      expect(tacticFactory(entry.name)(context)).toBeInstanceOf(PoolTactic);
      expect(tacticFactory(entry.name)({ ...withoutPool, rng: createRng(1) })).not.toBeInstanceOf(PoolTactic);
    }
  });

  it('builds one indexed pool per space and genome list', () => {
    expect(candidatePoolOf(space, pool)).toBe(candidatePoolOf(space, pool));
    expect(candidatePoolOf(space, [...pool])).not.toBe(candidatePoolOf(space, pool));
  });
});

describe('PoolTactic around a tactic that ignores the pool', () => {
  const space = conditionalSpace();
  const pool = poolGenomes(space, 50, 8);
  const poolKeys = new Set(pool.map((genome) => space.key(genome)));

  it('replaces outside proposals by new members, never repeats one, and ends when the pool is used up', () => {
    const inner = new SpaceWideTactic(space);
    const tactic = new PoolTactic(inner, candidatePoolOf(space, pool), createRng(2));
    const proposed: string[] = [];
    for (let round = 0; round < 10; round += 1) {
      const batch = tactic.propose({ plannedEvaluations: 100, evaluationsSoFar: proposed.length });
      if (batch.length === 0) break;
      const keys = batch.map((genome) => space.key(genome));
      proposed.push(...keys);
      tactic.observe(batch.map((genome, index) => ({ genome, key: keys[index] as string, values: [1, 1], objectives: [-1, 1], violation: 0 })));
    }
    expect(proposed.every((key) => poolKeys.has(key))).toBe(true);
    expect(new Set(proposed).size).toBe(proposed.length);
    expect(proposed).toHaveLength(50);
    // Three batches of 30: members kept, 50 filled by members kept or replacing, the other 40 dropped.
    expect(inner.proposed).toHaveLength(90);
    const innerMembers = inner.proposed.filter((key) => poolKeys.has(key)).length;
    const { replaced, dropped } = tactic.outsideProposals;
    expect(replaced + dropped).toBe(90 - innerMembers);
    expect(replaced).toBeGreaterThanOrEqual(50 - innerMembers);
    expect(dropped).toBeGreaterThan(30);
    expect(tactic.propose({ plannedEvaluations: 100, evaluationsSoFar: 50 })).toEqual([]);
    // The inner tactic observed every replacement.
    expect(inner.observed).toEqual(proposed);
  });

  it('keeps the inner proposals that are pool members as they are', () => {
    const members = pool.slice(0, 3);
    const inner: Tactic = { name: 'fixed', propose: () => [...members], observe: () => undefined };
    const tactic = new PoolTactic(inner, candidatePoolOf(space, pool), createRng(2));
    expect(tactic.propose({ plannedEvaluations: 10, evaluationsSoFar: 0 })).toEqual(members);
    expect(tactic.outsideProposals).toEqual({ replaced: 0, dropped: 0 });
  });
});
