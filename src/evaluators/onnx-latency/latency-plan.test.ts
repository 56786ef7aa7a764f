import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../onnx/graph-builder.js';
import { serializeModel } from '../../onnx/serialize.js';
import { createSearchSpace } from '../../space/search-space.js';
import { HAT_SMALLEST } from '../../supernets/hat-wmt14-en-de/fixtures.js';
import { createHatWmt14EnDe } from '../../supernets/hat-wmt14-en-de/supernet.js';
import type { LatencyPlan, LatencyPlanOptions, Supernet } from '../../supernets/types.js';
import type { Candidate } from '../types.js';
import { OnnxLatencyEvaluator } from './onnx-latency-evaluator.js';

/** Graph: input `x` [1, 4] -> output `y` = relu(x) + x. */
function tinyGraph(): Uint8Array {
  const builder = new GraphBuilder();
  const x = builder.input('x', [1, 4]);
  builder.output(builder.op('Add', [builder.relu(x), x], {}, 'y'));
  return serializeModel(builder.build());
}

/** A fake family whose plan chains one graph `steps` times, each run feeding the previous output back in. */
function chainedFamily(steps: number, runs: { count: number }, broken = false): Supernet {
  const space = createSearchSpace({ name: 'chain', genes: [{ name: 'g', choices: [0, 1] }] });
  return {
    id: 'chain',
    title: 'chain',
    family: 'chain',
    description: 'test',
    space,
    codec: { toNative: (genome) => genome, fromNative: () => [0] },
    defaultResolution: 1,
    resolutions: [1],
    costs: () => ({ macs: 0, params: 0 }),
    costBreakdown: () => ({ macs: { convMacs: 0, linearMacs: 0, matmulMacs: 0, normElements: 0, mulElements: 0, poolElements: 0 }, params: 0 }),
    latencyPlan(_genome, options: LatencyPlanOptions): LatencyPlan {
      runs.count += 1;
      return {
        graphs: { tiny: tinyGraph() },
        steps: Array.from({ length: steps }, (_, step) => ({
          graph: 'tiny',
          // Step 0 reads a random input; each later step the previous step's output (a broken plan: its own).
          feeds: { x: step === 0 && !broken ? { kind: 'float32' as const, dims: [1, 4] } : { kind: 'output' as const, step: broken ? step : step - 1, output: 'y' } },
        })),
        label: `chain${steps}-out${options.outputLength ?? 'default'}`,
      };
    },
    latencyPlanLabel: (options) => `chain${steps}-out${options.outputLength ?? 'default'}`,
  };
}

function candidateOf(supernet: Supernet): Candidate {
  const genome = supernet.space.canonicalize([1]);
  return { key: supernet.space.key(genome), genome, config: null };
}

describe('OnnxLatencyEvaluator with a latency plan', () => {
  it('times the whole plan as one run, names the plan shape in its id and caches the prepared plan', async () => {
    const built = { count: 0 };
    const supernet = chainedFamily(3, built);
    let wall = 0;
    const evaluator = new OnnxLatencyEvaluator({ supernet, warmup: 1, repeats: 4, plan: { outputLength: 7 }, now: () => (wall += 2), cpuNow: () => wall, deviceName: 'cpu-x' });
    try {
      expect(evaluator.id).toMatch(/^onnx-latency@1:ort[\d.]+:chain:chain3-out7:b1:t1:cpu:p10:cpu-x$/);
      const [first] = await evaluator.evaluate([candidateOf(supernet)]);
      expect(first).toMatchObject({ ok: true, meta: { repeats: 4, warmup: 1 } });
      await evaluator.evaluate([candidateOf(supernet)]);
      expect(built.count).toBe(1);
    } finally {
      await evaluator.close();
    }
  });

  it('reports a plan that reads an output of a step not yet run as a failure', async () => {
    const supernet = chainedFamily(2, { count: 0 }, true);
    const evaluator = new OnnxLatencyEvaluator({ supernet, warmup: 0, repeats: 1 });
    try {
      const [result] = await evaluator.evaluate([candidateOf(supernet)]);
      expect(result).toMatchObject({ ok: false, retryable: false });
      expect(result?.ok === false && result.reason).toMatch(/does not run before it/);
    } finally {
      await evaluator.close();
    }
  });

  it('measures a HAT translation: encoder, cache and every decoder step in one timed run', async () => {
    const hat = createHatWmt14EnDe();
    const genome = hat.codec.fromNative(HAT_SMALLEST);
    const short = new OnnxLatencyEvaluator({ supernet: hat, warmup: 1, repeats: 3, plan: { sourceLength: 8, outputLength: 2, beam: 1 } });
    const long = new OnnxLatencyEvaluator({ supernet: hat, warmup: 1, repeats: 3, plan: { sourceLength: 8, outputLength: 12, beam: 1 } });
    try {
      expect(short.id).toContain(':hat-wmt14-en-de:src8-out2-beam1:b1:');
      const candidate = { key: hat.space.key(genome), genome, config: null };
      const [shortResult] = await short.evaluate([candidate]);
      const [longResult] = await long.evaluate([candidate]);
      const latency = (result: typeof shortResult): number => (result?.ok === true ? (result.values['latency_ms'] as number) : Number.NaN);
      expect(latency(shortResult)).toBeGreaterThan(0);
      // Ten more decoder steps, each projecting onto the 32768-token vocabulary, take measurably longer.
      expect(latency(longResult)).toBeGreaterThan(latency(shortResult));
    } finally {
      await short.close();
      await long.close();
    }
  });
});
