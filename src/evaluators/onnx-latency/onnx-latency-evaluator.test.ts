import { describe, expect, it } from 'vitest';
import { createOfaMobileNetV3 } from '../../supernets/ofa-mobilenetv3/supernet.js';
import type { Candidate } from '../types.js';
import { OnnxLatencyEvaluator } from './onnx-latency-evaluator.js';

const supernet = createOfaMobileNetV3(1.0, { resolution: 'elastic' });

function candidate(ks: number, r: number): Candidate {
  const genome = supernet.codec.fromNative({ ks: new Array(20).fill(ks), e: new Array(20).fill(3), d: [2, 2, 2, 2, 2], r });
  return { key: supernet.space.key(genome), genome, config: supernet.codec.toNative(genome) };
}

/** A clock that advances 1 ms per reading: every timed run then lasts exactly 1 ms. */
function steppingClock(): () => number {
  let ms = 0;
  return () => {
    ms += 1;
    return ms;
  };
}

describe('OnnxLatencyEvaluator', () => {
  it('reports the statistic of the chosen clock and keeps both clocks in the metadata', async () => {
    // Wall clock advances 3 ms per reading, CPU clock 1 ms: a run lasts 3 ms of wall time and 1 ms of CPU time.
    let wallMs = 0;
    const evaluator = new OnnxLatencyEvaluator({ supernet, warmup: 0, repeats: 3, now: () => (wallMs += 3), cpuNow: steppingClock(), clock: 'wall', statistic: 'min' });
    try {
      const [result] = await evaluator.evaluate([candidate(3, 128)]);
      expect(result).toMatchObject({ ok: true, values: { latency_ms: 3 }, meta: { clock: 'wall', minMs: 3, wallMedianMs: 3, cpuMedianMs: 1 } });
      expect(evaluator.id).toContain(':t1:wall:min:');
    } finally {
      await evaluator.close();
    }
  });

  it('runs each candidate warm-up + repeats times and reports the 10th percentile with its spread', async () => {
    const evaluator = new OnnxLatencyEvaluator({ supernet, warmup: 1, repeats: 5, now: steppingClock(), cpuNow: steppingClock(), deviceName: 'test-cpu' });
    try {
      const results = await evaluator.evaluate([candidate(3, 128), candidate(5, 128)]);
      for (const result of results) {
        expect(result).toMatchObject({
          ok: true,
          values: { latency_ms: 1 },
          meta: { statistic: 'p10', p10Ms: 1, medianMs: 1, p90Ms: 1, cv: 0, clock: 'cpu', wallMedianMs: 1, cpuMedianMs: 1, repeats: 5, warmup: 1, batchSize: 1, threads: 1, device: 'test-cpu' },
        });
      }
      expect(evaluator.id).toMatch(/^onnx-latency@1:ort[\d.]+:ofa-mbv3-w1\.0\+r:b1:t1:cpu:p10:test-cpu$/);
      expect(evaluator.provides).toEqual(['latency_ms']);
    } finally {
      await evaluator.close();
    }
  });

  it('reuses cached sessions and keeps measuring with the real clock', async () => {
    const evaluator = new OnnxLatencyEvaluator({ supernet, warmup: 1, repeats: 3, interleaveLimit: 2 });
    try {
      const first = await evaluator.evaluate([candidate(3, 128)]);
      const second = await evaluator.evaluate([candidate(3, 128)]);
      const meta = (result: (typeof first)[number] | undefined): Record<string, unknown> => (result?.ok === true ? (result.meta ?? {}) : {});
      expect(meta(second[0])['sessionCreateMs']).toBe(meta(first[0])['sessionCreateMs']);
      expect(first[0]?.ok === true && first[0].values['latency_ms']).toBeGreaterThan(0);
    } finally {
      await evaluator.close();
    }
  });

  it('measures a batch larger than the interleave limit in groups', async () => {
    const evaluator = new OnnxLatencyEvaluator({ supernet, warmup: 0, repeats: 2, interleaveLimit: 2, now: steppingClock(), cpuNow: steppingClock() });
    try {
      const results = await evaluator.evaluate([candidate(3, 128), candidate(5, 128), candidate(7, 128)]);
      expect(results.map((result) => result.ok)).toEqual([true, true, true]);
    } finally {
      await evaluator.close();
    }
  });

  it('reports a candidate that cannot be built as a failure and measures the others', async () => {
    const evaluator = new OnnxLatencyEvaluator({ supernet, warmup: 0, repeats: 2, now: steppingClock(), cpuNow: steppingClock() });
    try {
      const results = await evaluator.evaluate([{ key: 'broken', genome: [1, 2, 3], config: null }, candidate(3, 128)]);
      expect(results[0]).toMatchObject({ ok: false, retryable: false });
      expect(results[1]?.ok).toBe(true);
    } finally {
      await evaluator.close();
    }
  });

  it('checks its options, naming the field', () => {
    expect(() => new OnnxLatencyEvaluator({ supernet, repeats: 0 })).toThrow(/out of range/);
    expect(() => new OnnxLatencyEvaluator({ supernet, statistic: 'mode' as 'median' })).toThrow(/mode/);
    expect(() => new OnnxLatencyEvaluator({ supernet, threads: 2, clock: 'cpu' })).toThrow(/adds up all threads/);
    expect(new OnnxLatencyEvaluator({ supernet, threads: 2 }).clock).toBe('wall');
  });
});
