import { describe, expect, it } from 'vitest';
import type { ObjectiveSpec } from '../core/objective.js';
import type { Candidate } from '../evaluators/types.js';
import { createRecordCodec, createSearchSpace } from '../space/index.js';
import { createTableProblem, type MeasuredRow } from './table-problem.js';

const space = createSearchSpace({ name: 'tiny', genes: [{ name: 'a', choices: [0, 1, 2, 3] }] });
const objectives: ObjectiveSpec[] = [
  { name: 'accuracy', direction: 'maximize', unit: '%' },
  { name: 'latency_ms', direction: 'minimize', unit: 'ms' },
];
const row = (choice: number, accuracy: number, latencyMs: number): MeasuredRow => ({
  genome: [choice],
  key: space.key([choice]),
  values: [accuracy, latencyMs],
  nativeId: `row-${choice}`,
});

function tinyProblem(asPool: boolean, rows: readonly MeasuredRow[] = [row(0, 70, 1), row(1, 80, 2), row(2, 75, 3), row(3, 90, Number.NaN)]) {
  return createTableProblem({
    id: 'tiny/test',
    title: 'tiny',
    description: 'tiny',
    space,
    codec: createRecordCodec(space),
    objectives,
    evaluatorId: 'table:tiny@1',
    rows,
    asPool,
  });
}

describe('createTableProblem', () => {
  it('leaves a row with a missing value out of the table, the pool, the reference and the oracle', async () => {
    const problem = tinyProblem(true);
    expect(problem.rows.map((entry) => entry.nativeId)).toEqual(['row-0', 'row-1', 'row-2']);
    expect(problem.missingCount).toBe(1);
    expect(problem.pool).toEqual([[0], [1], [2]]);
    // Front: 70 % at 1 ms and 80 % at 2 ms; 75 % at 3 ms is dominated. Bounds over the three measured rows.
    expect(problem.reference.trueFront).toEqual([
      { key: '1', values: [80, 2] },
      { key: '0', values: [70, 1] },
    ]);
    expect(problem.reference.ideal).toEqual([-80, 1]);
    expect(problem.reference.nadir).toEqual([-70, 3]);
    // Normalised front (0, 0.5) and (1, 0): HV = 1 x 0.5 + 0 = 0.5 against (1, 1).
    expect(problem.reference.hvTrue).toBeCloseTo(0.5, 12);
    expect(problem.reference.nativeId('1')).toBe('row-1');
    const candidates: Candidate[] = [0, 3].map((choice) => ({ key: space.key([choice]), genome: [choice], config: null }));
    const [measured, missing] = await problem.createEvaluator().evaluate(candidates);
    expect(measured).toEqual({ ok: true, values: { accuracy: 70, latency_ms: 1 } });
    expect(missing).toMatchObject({ ok: false, retryable: false });
  });

  it('has no pool when the whole space is the table', () => {
    expect(tinyProblem(false).pool).toBeUndefined();
  });

  it('refuses a repeated key and a row of the wrong width', () => {
    expect(() => tinyProblem(true, [row(0, 70, 1), row(0, 71, 1)])).toThrow(/appears twice/);
    expect(() => tinyProblem(true, [{ ...row(0, 70, 1), values: [70] }])).toThrow(/1 values for 2 objectives/);
  });
});
