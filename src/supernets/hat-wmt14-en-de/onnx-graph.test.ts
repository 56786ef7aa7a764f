import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import { countGraphBreakdown, countGraphParams } from '../../onnx/count-graph.js';
import { serializeModel } from '../../onnx/serialize.js';
import { compareGraphWithCosts } from '../testing/graph-check.js';
import { hatPlan } from './architecture.js';
import { hatCosts } from './costs.js';
import { HAT_LARGEST, HAT_RPI_6_9S, HAT_SMALLEST } from './fixtures.js';
import { buildHatForwardModel } from './onnx-graph.js';
import { createHatWmt14EnDe } from './supernet.js';

const supernet = createHatWmt14EnDe();

describe('HAT forward graph', () => {
  it('counts exactly like the analytic costs (MACs by kind, both conventions, parameters)', () => {
    for (const config of [HAT_SMALLEST, HAT_RPI_6_9S]) {
      const comparison = compareGraphWithCosts(supernet, supernet.codec.fromNative(config), 1);
      expect(comparison.graph).toEqual(comparison.analytic);
      expect(comparison.outputShape).toEqual([1, 30, 32768]);
    }
    // Mixed widths: a 640-wide encoder and 512-wide decoder share one 640-column table.
    const rng = createRng(3);
    for (let trial = 0; trial < 2; trial += 1) {
      const genome = supernet.space.sample(rng);
      const comparison = compareGraphWithCosts(supernet, genome, 2);
      expect(comparison.graph).toEqual(comparison.analytic);
    }
  });

  it('matches the analytic breakdown kind by kind at other sentence lengths', () => {
    const plan = hatPlan(HAT_LARGEST);
    const model = buildHatForwardModel(plan, { batchSize: 1, seed: 0, sourceLength: 7, targetLength: 5 });
    const tally = hatCosts(plan, { sourceLength: 7, targetLength: 5 });
    expect(countGraphBreakdown(model)).toEqual(tally.breakdown());
    expect(countGraphParams(model)).toBe(tally.params);
  });

  it('runs in onnxruntime and gives finite logits', async () => {
    const plan = hatPlan(HAT_SMALLEST);
    const bytes = serializeModel(buildHatForwardModel(plan, { batchSize: 1, seed: 0, sourceLength: 6, targetLength: 4 }));
    const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
    try {
      const source = new ort.Tensor('int64', BigInt64Array.from([2, 7, 7, 7, 1, 1], BigInt), [1, 6]);
      const target = new ort.Tensor('int64', BigInt64Array.from([7, 7, 7, 2], BigInt), [1, 4]);
      const outputs = await session.run({ src_tokens: source, prev_output_tokens: target });
      const logits = outputs[session.outputNames[0] as string] as ort.Tensor;
      expect(logits.dims).toEqual([1, 4, 32768]);
      expect(Array.from(logits.data as Float32Array).every(Number.isFinite)).toBe(true);
    } finally {
      await session.release();
    }
  });
});
