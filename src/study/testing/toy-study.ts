// A small conditional space and a cheap deterministic evaluator that counts its calls, for study tests.

import type { ObjectiveSpec } from '../../core/objective.js';
import type { Candidate, EvaluationResult, Evaluator } from '../../evaluators/types.js';
import { createRecordCodec, createSearchSpace } from '../../space/index.js';
import type { SearchSpace } from '../../space/types.js';
import { tacticFactory } from '../../tactics/index.js';
import type { StudyEnvironment } from '../study.js';
import type { StudySettings } from '../types.js';

/** Two stages with depth {1,2,3}; block genes count only up to the depth. */
export function toySpace(): SearchSpace {
  const genes = [];
  for (let stage = 0; stage < 2; stage += 1) {
    genes.push({ name: `d${stage}`, choices: [1, 2, 3] });
    for (let block = 0; block < 3; block += 1) {
      const activeWhen = block === 0 ? [] : [{ gene: `d${stage}`, in: [1, 2, 3].filter((depth) => depth > block) }];
      genes.push({ name: `k${stage}_${block}`, choices: [3, 5, 7], ...(activeWhen.length > 0 ? { activeWhen } : {}) });
      genes.push({ name: `w${stage}_${block}`, choices: [2, 4, 6], ...(activeWhen.length > 0 ? { activeWhen } : {}) });
    }
  }
  return createSearchSpace({ name: 'toy', genes });
}

/** "cost" grows with the network, "score" grows with it but saturates; `calls` lists every key evaluated. */
export class ToyEvaluator implements Evaluator {
  readonly id: string;
  readonly provides = ['score', 'cost'];
  readonly calls: string[] = [];
  constructor(
    private readonly space: SearchSpace,
    id = 'toy@1',
    /** Keys that fail (not retryable), as a device running out of memory would. */
    private readonly failKeys: ReadonlySet<string> = new Set(),
  ) {
    this.id = id;
  }
  async evaluate(candidates: readonly Candidate[]): Promise<EvaluationResult[]> {
    return candidates.map((candidate) => {
      this.calls.push(candidate.key);
      if (this.failKeys.has(candidate.key)) return { ok: false, reason: 'out of memory on the device', retryable: false };
      const values = this.space.decode(candidate.genome);
      let cost = 0;
      for (const [name, value] of Object.entries(values)) {
        if (name.startsWith('k')) cost += (value as number) * (values[`w${name.slice(1)}`] as number);
      }
      const score = 100 * (1 - Math.exp(-cost / 60)) + ((cost * 7) % 5);
      return { ok: true, values: { score, cost } };
    });
  }
}

export const TOY_OBJECTIVES: readonly ObjectiveSpec[] = [
  { name: 'score', direction: 'maximize', unit: '%' },
  { name: 'cost', direction: 'minimize', unit: 'units', bound: { op: '<=', value: 150 } },
];

export function toySettings(overrides: Partial<StudySettings> = {}): StudySettings {
  return {
    formatVersion: 1,
    problem: null,
    objectives: TOY_OBJECTIVES,
    tactic: 'nsga2',
    tacticOptions: {},
    seed: 11,
    populationSize: 8,
    budget: 40,
    ...overrides,
  };
}

export function toyEnvironment(space: SearchSpace, evaluator: Evaluator, tactic = 'nsga2'): StudyEnvironment {
  return { space, codec: createRecordCodec(space), evaluators: [evaluator], createTactic: tacticFactory(tactic) };
}
