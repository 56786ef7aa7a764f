import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import { compareGraphWithCosts } from '../testing/graph-check.js';
import { createOfaMobileNetV3 } from './supernet.js';

describe('OFA MobileNetV3 ONNX graphs', () => {
  it('count exactly the analytic MACs (both conventions) and parameters for random sub-networks', () => {
    const rng = createRng(2024);
    for (const width of [1.0, 1.2] as const) {
      const supernet = createOfaMobileNetV3(width, { resolution: 'elastic' });
      for (let trial = 0; trial < 4; trial += 1) {
        const genome = supernet.space.sample(rng);
        const comparison = compareGraphWithCosts(supernet, genome, 2);
        expect(comparison.graph).toEqual(comparison.analytic);
        const r = (supernet.codec.toNative(genome) as { r: number }).r;
        expect(comparison.inputShape).toEqual([2, 3, r, r]);
        expect(comparison.outputShape).toEqual([2, 1000]);
      }
    }
  });

  it('are deterministic for a seed and run in onnxruntime with finite outputs', async () => {
    const supernet = createOfaMobileNetV3(1.0, { resolution: 'elastic' });
    const genome = supernet.codec.fromNative({ ks: new Array(20).fill(3), e: new Array(20).fill(3), d: [2, 2, 2, 2, 2], r: 128 });
    const bytes = supernet.buildOnnx(genome, { batchSize: 1, seed: 5 });
    expect(Buffer.from(supernet.buildOnnx(genome, { batchSize: 1, seed: 5 })).equals(Buffer.from(bytes))).toBe(true);
    expect(Buffer.from(supernet.buildOnnx(genome, { batchSize: 1, seed: 6 })).equals(Buffer.from(bytes))).toBe(false);
    const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
    try {
      const input = new ort.Tensor('float32', Float32Array.from({ length: 3 * 128 * 128 }, (_, index) => Math.sin(index)), [1, 3, 128, 128]);
      const outputs = await session.run({ [session.inputNames[0] as string]: input });
      const logits = outputs[session.outputNames[0] as string] as ort.Tensor;
      expect(logits.dims).toEqual([1, 1000]);
      expect(Array.from(logits.data as Float32Array).every(Number.isFinite)).toBe(true);
    } finally {
      await session.release();
    }
  });
});
