import { describe, expect, it } from 'vitest';
import { CarveError } from '../../core/errors.js';
import type { Candidate } from '../types.js';
import { TableEvaluator } from './table-evaluator.js';

const rows: Record<string, Record<string, number | null>> = {
  a: { error: 5.5, latency_ms: 2.25, extra: 1 },
  b: { error: 7, latency_ms: null },
  c: { error: Number.NaN, latency_ms: 1 },
  d: { error: 0, latency_ms: 0 },
};

function candidate(key: string): Candidate {
  return { key, genome: [key.charCodeAt(0)], config: key };
}

function makeEvaluator(): TableEvaluator {
  return new TableEvaluator({
    id: 'table:toy@1',
    provides: ['error', 'latency_ms'],
    lookup: (item) => {
      if (item.key === 'boom') throw new Error('bad genome');
      return rows[item.key];
    },
  });
}

describe('TableEvaluator', () => {
  it('keeps its id and provides list', () => {
    const evaluator = makeEvaluator();
    expect(evaluator.id).toBe('table:toy@1');
    expect(evaluator.provides).toEqual(['error', 'latency_ms']);
  });

  it('returns exactly the provided values, one result per candidate in order', async () => {
    const results = await makeEvaluator().evaluate([candidate('d'), candidate('a')]);
    expect(results).toEqual([
      { ok: true, values: { error: 0, latency_ms: 0 } },
      { ok: true, values: { error: 5.5, latency_ms: 2.25 } },
    ]);
  });

  it('fails a missing row without retry, naming the candidate', async () => {
    const [result] = await makeEvaluator().evaluate([candidate('zz')]);
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(result?.ok === false && result.reason).toContain('zz');
    expect(result?.ok === false && result.reason).toContain('table:toy@1');
    expect(result?.ok === false && result.reason).toContain('error, latency_ms');
  });

  it('fails a null value naming the objective, never giving zero', async () => {
    const [result] = await makeEvaluator().evaluate([candidate('b')]);
    expect(result?.ok).toBe(false);
    expect(result?.ok === false && result.reason).toContain('"latency_ms"');
    expect(result?.ok === false && result.retryable).toBe(false);
  });

  it('fails a NaN value naming the objective', async () => {
    const [result] = await makeEvaluator().evaluate([candidate('c')]);
    expect(result?.ok === false && result.reason).toContain('"error"');
  });

  it('turns a throwing lookup into that candidate failure only', async () => {
    const results = await makeEvaluator().evaluate([candidate('boom'), candidate('a')]);
    expect(results[0]).toMatchObject({ ok: false, retryable: false });
    expect(results[0]?.ok === false && results[0].reason).toContain('bad genome');
    expect(results[1]?.ok).toBe(true);
  });

  it('answers an empty batch with an empty list', async () => {
    expect(await makeEvaluator().evaluate([])).toEqual([]);
  });

  it('rejects an empty id, empty provides and duplicates', () => {
    const lookup = (): null => null;
    expect(() => new TableEvaluator({ id: ' ', provides: ['x'], lookup })).toThrow(CarveError);
    expect(() => new TableEvaluator({ id: 't@1', provides: [], lookup })).toThrow(/at least one/);
    expect(() => new TableEvaluator({ id: 't@1', provides: ['x', 'x'], lookup })).toThrow(/twice/);
  });
});
