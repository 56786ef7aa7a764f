import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { countGraphBreakdown } from '../../onnx/count-graph.js';
import { EMPTY_BREAKDOWN, type MacBreakdown } from '../../onnx/macs-convention.js';
import type { LatencyFeed } from '../types.js';
import { hatPlan } from './architecture.js';
import { HAT_RPI_6_9S, HAT_SMALLEST } from './fixtures.js';
import { buildHatLatencyPlan, resolvePlanOptions } from './latency-plan.js';
import { buildHatCrossCacheModel, buildHatDecoderStepModel, buildHatEncoderModel } from './onnx-graph.js';
import { hatTranslationMacs } from './translation-costs.js';

function add(a: MacBreakdown, b: MacBreakdown): MacBreakdown {
  return {
    convMacs: a.convMacs + b.convMacs,
    linearMacs: a.linearMacs + b.linearMacs,
    matmulMacs: a.matmulMacs + b.matmulMacs,
    normElements: a.normElements + b.normElements,
    mulElements: a.mulElements + b.mulElements,
    poolElements: a.poolElements + b.poolElements,
  };
}

describe('HAT latency plan', () => {
  it("defaults to HAT's measurement: 30 source tokens, 30 decoder steps, beam 5, one sentence", () => {
    expect(resolvePlanOptions({ batchSize: 1 })).toEqual({ batchSize: 1, seed: 0, sourceLength: 30, outputLength: 30, beam: 5 });
    expect(() => resolvePlanOptions({ batchSize: 1, beam: 0 })).toThrow(/beam|out of range/);
    const plan = buildHatLatencyPlan(hatPlan(HAT_SMALLEST), { batchSize: 1 });
    expect(plan.label).toBe('src30-out30-beam5');
    expect(plan.steps.map((step) => step.graph)).toEqual(['encoder', 'cache', ...new Array<string>(30).fill('step')]);
    // Step k feeds the newest token, its position padding_idx + k + 1, and the cache grown by step k - 1.
    const third = plan.steps[4]?.feeds ?? {};
    expect(third['position']).toEqual({ kind: 'int64', dims: [1], values: [4] });
    expect(third['past_key_0']).toEqual({ kind: 'output', step: 3, output: 'present_key_0' });
    expect(plan.steps[2]?.feeds['past_key_0']).toEqual({ kind: 'float32', dims: [5, 4, 0, 128] });
    expect(third['cross_value_0']).toEqual({ kind: 'output', step: 1, output: 'cross_value_0' });
  });

  it('has graphs whose static-shape counts add up to the analytic MACs of one translation', () => {
    const plan = hatPlan(HAT_RPI_6_9S);
    const shape = { batchSize: 1, sourceLength: 6, outputLength: 3, beam: 2 };
    let total = countGraphBreakdown(buildHatEncoderModel(plan, { batchSize: 1, seed: 0, sourceLength: 6 }));
    total = add(total, countGraphBreakdown(buildHatCrossCacheModel(plan, { batchSize: 1, seed: 0, sourceLength: 6, beam: 2 })));
    for (let step = 0; step < 3; step += 1) {
      total = add(total, countGraphBreakdown(buildHatDecoderStepModel(plan, { rows: 2, seed: 0, sourceLength: 6, pastLength: step, maxPositions: 6 })));
    }
    expect(total).toEqual(hatTranslationMacs(plan, shape));
    expect(total).not.toEqual(EMPTY_BREAKDOWN);
  });

  it('runs one translation in onnxruntime, the decoder cache growing one position per step', async () => {
    const plan = buildHatLatencyPlan(hatPlan(HAT_RPI_6_9S), { batchSize: 1, sourceLength: 5, outputLength: 3, beam: 2 });
    const sessions: Record<string, ort.InferenceSession> = {};
    try {
      for (const [name, bytes] of Object.entries(plan.graphs)) sessions[name] = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1 });
      const results: ort.InferenceSession.OnnxValueMapType[] = [];
      const tensorOf = (feed: LatencyFeed): ort.Tensor => {
        if (feed.kind === 'output') return results[feed.step]?.[feed.output] as ort.Tensor;
        const count = feed.dims.reduce((product, dim) => product * dim, 1);
        return feed.kind === 'int64'
          ? new ort.Tensor('int64', BigInt64Array.from(feed.values, BigInt), [...feed.dims])
          : new ort.Tensor('float32', new Float32Array(count), [...feed.dims]);
      };
      for (const step of plan.steps) {
        const feeds = Object.fromEntries(Object.entries(step.feeds).map(([name, feed]) => [name, tensorOf(feed)]));
        results.push(await (sessions[step.graph] as ort.InferenceSession).run(feeds));
      }
      const last = results[results.length - 1] ?? {};
      expect((last['logits'] as ort.Tensor).dims).toEqual([2, 32768]);
      expect((last['present_key_0'] as ort.Tensor).dims).toEqual([2, 8, 3, 64]);
      expect((results[1]?.['cross_key_1'] as ort.Tensor).dims).toEqual([2, 8, 64, 10]);
      expect(Array.from((last['logits'] as ort.Tensor).data as Float32Array).every(Number.isFinite)).toBe(true);
    } finally {
      for (const session of Object.values(sessions)) await session.release();
    }
  });
});
