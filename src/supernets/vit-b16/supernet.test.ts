import { describe, expect, it } from 'vitest';
import { isCarveError } from '../../core/errors.js';
import { createRng } from '../../core/rng.js';
import { compareGraphWithCosts } from '../testing/graph-check.js';
import type { ElasticEncoderConfig } from '../transformer-encoder/elastic-space.js';
import { createVitB16 } from './supernet.js';

const LARGEST = { num_hidden_layers: 12, num_attention_heads: new Array(12).fill(12), intermediate_size: new Array(12).fill(3072) };
const SMALLEST = { num_hidden_layers: 10, num_attention_heads: new Array(10).fill(6), intermediate_size: new Array(10).fill(1024) };

function fieldOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (isCarveError(error)) return error.field;
    throw error;
  }
  return undefined;
}

describe('vit-b16', () => {
  const supernet = createVitB16();

  it('counts 12^10 + 12^11 + 12^12 sub-networks', () => {
    expect(supernet.space.cardinality()).toBe(12n ** 10n + 12n ** 11n + 12n ** 12n);
    expect(supernet.space.cardinality()).toBe(9_721_026_183_168n);
  });

  it('reproduces the published ViT-B/16 parameter count and ~17.6 G MACs', () => {
    const genome = supernet.codec.fromNative(LARGEST);
    // timm vit_base_patch16_224: 86,567,656 parameters.
    expect(supernet.costs(genome, 'conv-linear').params).toBe(86_567_656);
    // Patch conv 196 x 768 x 768, 12 layers x 197 tokens x 768 x (4 x 768 + 2 x 3072), head 768 x 1000.
    const convLinear = 196 * 768 * 768 + 12 * 197 * 768 * (4 * 768 + 2 * 3072) + 768 * 1000;
    expect(supernet.costs(genome, 'conv-linear').macs).toBe(convLinear);
    expect(convLinear).toBe(16_848_500_736);
    const attention = 12 * 2 * 12 * 197 * 197 * 64;
    const breakdown = supernet.costBreakdown(genome).macs;
    expect(breakdown.matmulMacs).toBe(attention);
    // DeiT-B / timm report 17.6 G for ViT-B/16 at 224: conv + linear + the attention products.
    expect((convLinear + attention) / 1e9).toBeCloseTo(17.56, 2);
    // torchprofile (eager attention) adds 25 LayerNorms and the query scaling, 197 x 768 elements each per layer.
    expect(supernet.costs(genome, 'torchprofile').macs).toBe(convLinear + attention + 25 * 197 * 768 + 12 * 197 * 768);
    expect(supernet.costs(genome, 'torchprofile').macs).toBe(17_569_426_176);
    expect(supernet.costs(genome, 'torchprofile').macs / 1e9).toBeCloseTo(17.6, 1);
  });

  it('costs the smallest sub-network by the hand formula', () => {
    const genome = supernet.codec.fromNative(SMALLEST);
    const width = 6 * 64;
    const layer = 3 * (768 * width + width) + (width * 768 + 768) + (768 * 1024 + 1024) + (1024 * 768 + 768) + 4 * 768;
    const params = 768 * 3 * 16 * 16 + 768 + 768 + 197 * 768 + 10 * layer + 2 * 768 + 768 * 1000 + 1000;
    const macs = 196 * 768 * 768 + 10 * 197 * (4 * 768 * width + 2 * 768 * 1024) + 768 * 1000;
    expect(supernet.costs(genome, 'conv-linear')).toEqual({ macs, params });
    expect(supernet.costs(genome, 'conv-linear')).toEqual({ macs: 5_538_822_144, params: 29_106_152 });
    expect(supernet.costs(genome, 'torchprofile').macs).toBe(macs + 10 * 2 * 6 * 197 * 197 * 64 + 21 * 197 * 768 + 10 * 197 * width);
  });

  it('converts native configs both ways and rejects depths below 10', () => {
    const rng = createRng(5);
    for (let trial = 0; trial < 40; trial += 1) {
      const genome = supernet.space.sample(rng);
      const config = supernet.codec.toNative(genome) as ElasticEncoderConfig;
      expect([10, 11, 12]).toContain(config.num_hidden_layers);
      expect(supernet.codec.fromNative(config)).toEqual(genome);
    }
    expect(fieldOf(() => supernet.codec.fromNative({ ...SMALLEST, num_hidden_layers: 9 }))).toBe('config.num_hidden_layers');
    expect(fieldOf(() => supernet.codec.fromNative({ ...SMALLEST, intermediate_size: new Array(10).fill(4096) }))).toBe('config.intermediate_size[0]');
    expect(fieldOf(() => createVitB16({ fixedResolution: 384 }))).toBe('fixedResolution');
  });

  it('builds ONNX graphs that count exactly like the analytic costs', () => {
    const rng = createRng(22);
    const genomes = [supernet.codec.fromNative(LARGEST), supernet.codec.fromNative(SMALLEST), supernet.space.sample(rng), supernet.space.sample(rng)];
    genomes.forEach((genome, index) => {
      const batch = index === 1 ? 2 : 1;
      const comparison = compareGraphWithCosts(supernet, genome, batch);
      expect(comparison.graph).toEqual(comparison.analytic);
      expect(comparison.inputShape).toEqual([batch, 3, 224, 224]);
      expect(comparison.outputShape).toEqual([batch, 1000]);
    });
  }, 120_000);
});

describe('vit-b16 in onnxruntime', () => {
  it('runs the smallest sub-network on a batch of two images', async () => {
    const { InferenceSession, Tensor } = await import('onnxruntime-node');
    const supernet = createVitB16();
    const bytes = supernet.buildOnnx(supernet.codec.fromNative(SMALLEST), { batchSize: 2 });
    const session = await InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
    try {
      const pixels = Float32Array.from({ length: 2 * 3 * 224 * 224 }, (_, index) => Math.sin(index / 97));
      const outputs = await session.run({ input: new Tensor('float32', pixels, [2, 3, 224, 224]) });
      const logits = outputs[session.outputNames[0] as string];
      expect(logits?.dims).toEqual([2, 1000]);
      const values = Array.from(logits?.data as Float32Array);
      expect(values.every(Number.isFinite)).toBe(true);
      // The two samples share the class token but not their patches: their logits differ.
      expect(values.slice(0, 1000)).not.toEqual(values.slice(1000));
    } finally {
      await session.release();
    }
  }, 60_000);
});
