import { describe, expect, it } from 'vitest';
import type { ObjectiveSpec } from '../core/objective.js';
import type { EvaluationResult, Evaluator, SyncCandidate } from '../evaluators/types.js';
import { createSearchSpace } from '../space/index.js';
import { exactObjectivesOf } from './exact-objectives.js';

const space = createSearchSpace({ name: 'two', genes: [{ name: 'a', choices: [1, 2, 3] }, { name: 'b', choices: [10, 20] }] });

/** score = a + b (maximise), cost = a * b (minimise); key "2.1" is missing from its table. */
class SyncTable implements Evaluator {
  readonly id = 'sync@1';
  readonly provides = ['score', 'cost'];
  seen: string[] = [];
  async evaluate(): Promise<EvaluationResult[]> {
    throw new Error('the exact path must not call evaluate');
  }
  evaluateSync(candidates: readonly SyncCandidate[]): EvaluationResult[] {
    return candidates.map(({ genome, key }) => {
      this.seen.push(key);
      if (key === '2.1') return { ok: false, reason: 'no row', retryable: false };
      const a = [1, 2, 3][genome[0] as number] as number;
      const b = [10, 20][genome[1] as number] as number;
      return { ok: true, values: { score: a + b, cost: a * b } };
    });
  }
}

const objectives = (scoreCost: number | undefined, costCost: number | undefined): ObjectiveSpec[] => [
  { name: 'score', direction: 'maximize', unit: '', ...(scoreCost === undefined ? {} : { cost: scoreCost }) },
  { name: 'cost', direction: 'minimize', unit: '', ...(costCost === undefined ? {} : { cost: costCost }) },
];

describe('exactObjectivesOf', () => {
  it('exposes only objectives declared with cost 0, in minimisation form, and counts queries', () => {
    const table = new SyncTable();
    const exact = exactObjectivesOf(objectives(undefined, 0), [table], space);
    expect(exact?.indices).toEqual([1]);
    const rows = exact?.evaluate([[0, 0], [2, 1], [1, 1]]);
    expect(rows).toEqual([[10], null, [40]]); // the score (cost 1) never leaks; the missing row (key 2.1) is null
    expect(exact?.queries).toBe(3);
    expect(table.seen).toEqual(['0.0', '2.1', '1.1']);
  });

  it('turns a maximised exact objective to minimisation and keeps objective order', () => {
    const exact = exactObjectivesOf(objectives(0, 0), [new SyncTable()], space);
    expect(exact?.indices).toEqual([0, 1]);
    expect(exact?.evaluate([[2, 1]], ['2.1'])).toEqual([null]);
    expect(exact?.evaluate([[1, 0]])).toEqual([[-12, 20]]);
  });

  it('offers nothing when no objective is free or no evaluator has a synchronous path', () => {
    expect(exactObjectivesOf(objectives(1, 0.01), [new SyncTable()], space)).toBeUndefined();
    const asyncOnly: Evaluator = { id: 'async@1', provides: ['score', 'cost'], evaluate: async () => [] };
    expect(exactObjectivesOf(objectives(undefined, 0), [asyncOnly], space)).toBeUndefined();
  });
});
