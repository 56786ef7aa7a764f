// Every registered tactic, run through a real Study: only new canonical architectures, deterministic for a
// seed, the budget respected, and a resumed study identical to an uninterrupted one.

import { describe, expect, it } from 'vitest';
import type { Candidate, EvaluationResult, Evaluator } from '../evaluators/types.js';
import { createRecordCodec, createSearchSpace } from '../space/index.js';
import type { SearchSpace } from '../space/types.js';
import { openTrialStore } from '../storage/index.js';
import { Study } from '../study/index.js';
import type { StudySettings } from '../study/index.js';
import { listTactics, tacticFactory } from './registry.js';

function space(): SearchSpace {
  const genes = [];
  for (let stage = 0; stage < 3; stage += 1) {
    genes.push({ name: `d${stage}`, choices: [1, 2, 3] });
    for (let block = 0; block < 3; block += 1) {
      const activeWhen = block === 0 ? undefined : [{ gene: `d${stage}`, in: [1, 2, 3].filter((depth) => depth > block) }];
      genes.push({ name: `k${stage}_${block}`, choices: [3, 5, 7], ...(activeWhen === undefined ? {} : { activeWhen }) });
      genes.push({ name: `e${stage}_${block}`, choices: [2, 4, 6], ...(activeWhen === undefined ? {} : { activeWhen }) });
    }
  }
  return createSearchSpace({ name: 'contract', genes });
}

class CostEvaluator implements Evaluator {
  readonly id = 'contract@1';
  readonly provides = ['quality', 'cost'];
  readonly calls: string[] = [];
  constructor(private readonly searchSpace: SearchSpace) {}
  async evaluate(candidates: readonly Candidate[]): Promise<EvaluationResult[]> {
    return candidates.map((candidate) => {
      this.calls.push(candidate.key);
      const values = this.searchSpace.decode(candidate.genome);
      let cost = 0;
      let quality = 0;
      for (const [name, value] of Object.entries(values)) {
        if (name.startsWith('k')) {
          const width = values[`e${name.slice(1)}`] as number;
          cost += (value as number) * width;
          quality += Math.log1p((value as number) * width) + (((value as number) * 7 + width * 3) % 5) * 0.05;
        }
      }
      return { ok: true, values: { quality, cost } };
    });
  }
}

function settings(tactic: string, tacticOptions: Record<string, unknown> = {}): StudySettings {
  return {
    formatVersion: 1,
    problem: null,
    objectives: [
      { name: 'quality', direction: 'maximize', unit: '' },
      { name: 'cost', direction: 'minimize', unit: '' },
    ],
    tactic,
    tacticOptions,
    seed: 3,
    populationSize: 12,
    budget: 60,
  };
}

async function run(tactic: string, options: Record<string, unknown>, budget: number): Promise<{ keys: string[]; calls: string[] }> {
  const searchSpace = space();
  const evaluator = new CostEvaluator(searchSpace);
  const store = await openTrialStore('sqlite::memory:');
  try {
    const study = await Study.open({
      store,
      name: 't',
      settings: settings(tactic, options),
      environment: { space: searchSpace, codec: createRecordCodec(searchSpace), evaluators: [evaluator], createTactic: tacticFactory(tactic) },
    });
    await study.optimize({ budget });
    return { keys: study.trials().map((trial) => trial.key), calls: evaluator.calls };
  } finally {
    await store.close();
  }
}

const cheap: Record<string, Record<string, unknown>> = {
  linas: { innerEvaluations: 600, models: ['ridge'] },
  carve: { innerEvaluations: 600, models: ['ridge-rank'] },
  weaknas: { initialSize: 12, model: 'ridge', sampleSize: 500 },
  'pareto-hvi': { models: ['ridge'], offspringRounds: 3 },
};

describe.each(listTactics().map((entry) => entry.name))('tactic %s', (tactic) => {
  it('spends the budget on distinct canonical architectures, each evaluated once, deterministically', async () => {
    const first = await run(tactic, cheap[tactic] ?? {}, 60);
    expect(first.keys).toHaveLength(60);
    expect(new Set(first.keys).size).toBe(60);
    expect(first.calls).toEqual(first.keys);
    const again = await run(tactic, cheap[tactic] ?? {}, 60);
    expect(again.keys).toEqual(first.keys);
  });
});

describe('pareto-hvi without enumeration', () => {
  it('searches a space too large to enumerate through an NSGA-II run on the predictions', async () => {
    const result = await run('pareto-hvi', { models: ['ridge'], candidateSource: 'space', enumerationLimit: 10, innerEvaluations: 400 }, 40);
    expect(new Set(result.keys).size).toBe(40);
  });
});
