import { describe, expect, it } from 'vitest';
import type { ObjectiveSpec } from '../core/objective.js';
import { settleResult } from './trial-outcome.js';

const objectives: ObjectiveSpec[] = [
  { name: 'error', direction: 'minimize', unit: '%' },
  { name: 'latency_ms', direction: 'minimize', unit: 'ms', bound: { op: '<=', value: 1 } },
];

describe('settleResult', () => {
  it('keeps exactly the objectives\' values, infeasible ones included', () => {
    expect(settleResult({ ok: true, values: { error: 8.5, latency_ms: 3, extra: 1 } }, objectives)).toEqual({
      state: 'complete',
      values: { error: 8.5, latency_ms: 3 },
    });
  });

  it('fails a result that lacks an objective or is not finite, and passes failures through', () => {
    expect(settleResult({ ok: true, values: { error: 8.5 } }, objectives)).toEqual({ state: 'failed', reason: 'missing objective "latency_ms"' });
    expect(settleResult({ ok: true, values: { error: Number.NaN, latency_ms: 1 } }, objectives).state).toBe('failed');
    expect(settleResult({ ok: false, reason: 'out of memory' }, objectives)).toEqual({ state: 'failed', reason: 'out of memory' });
  });
});
