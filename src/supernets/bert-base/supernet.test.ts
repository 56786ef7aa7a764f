import { describe, expect, it } from 'vitest';
import { isCarveError } from '../../core/errors.js';
import { createRng } from '../../core/rng.js';
import { compareGraphWithCosts } from '../testing/graph-check.js';
import type { ElasticEncoderConfig } from '../transformer-encoder/elastic-space.js';
import { createBertBase } from './supernet.js';

const LARGEST = { num_hidden_layers: 12, num_attention_heads: new Array(12).fill(12), intermediate_size: new Array(12).fill(3072) };
const SMALLEST = { num_hidden_layers: 6, num_attention_heads: new Array(6).fill(6), intermediate_size: new Array(6).fill(1024) };

function fieldOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (isCarveError(error)) return error.field;
    throw error;
  }
  return undefined;
}

describe('bert-base', () => {
  const supernet = createBertBase();

  it('counts sum over depths 6..12 of 12^depth sub-networks (4 heads x 3 widths per layer)', () => {
    let expected = 0n;
    for (let depth = 6n; depth <= 12n; depth += 1n) expected += 12n ** depth;
    expect(supernet.space.cardinality()).toBe(expected);
    expect(supernet.space.cardinality()).toBe(9_726_654_763_008n);
    expect(supernet.space.geneCount).toBe(25);
    expect([supernet.defaultResolution, supernet.inputUnit]).toEqual([128, 'tokens']);
  });

  it('reproduces the published BERT-base parameter count and its exact linear MACs at 128 tokens', () => {
    const genome = supernet.codec.fromNative(LARGEST);
    // Hugging Face bert-base-uncased BertModel (with pooler): 109,482,240 parameters.
    expect(supernet.costs(genome, 'conv-linear').params).toBe(109_482_240);
    // Linear MACs per 128-token sample: 12 layers x 128 x 768 x (4 x 768 + 2 x 3072) plus the pooler's 768 x 768.
    expect(supernet.costs(genome, 'conv-linear').macs).toBe(12 * 128 * 768 * (4 * 768 + 2 * 3072) + 768 * 768);
    expect(supernet.costs(genome, 'conv-linear').macs).toBe(10_872_225_792);
    // Adding the two attention products (12 layers x 2 x 12 heads x 128 x 128 x 64) gives the ~11.2 G usually quoted.
    const breakdown = supernet.costBreakdown(genome);
    expect(breakdown.macs.matmulMacs).toBe(301_989_888);
    expect((breakdown.macs.linearMacs + breakdown.macs.matmulMacs) / 1e9).toBeCloseTo(11.17, 2);
    // torchprofile adds 25 LayerNorms x 128 x 768 elements and the mask's 128 multiplies; GELU, softmax, division count 0.
    expect(supernet.costs(genome, 'torchprofile').macs).toBe(10_872_225_792 + 301_989_888 + 25 * 128 * 768 + 128);
    expect(breakdown).toEqual({
      macs: { convMacs: 0, linearMacs: 10_872_225_792, matmulMacs: 301_989_888, normElements: 2_457_600, mulElements: 128, poolElements: 0 },
      params: 109_482_240,
    });
  });

  it('costs the smallest sub-network by the hand formula', () => {
    const genome = supernet.codec.fromNative(SMALLEST);
    const width = 6 * 64;
    const embeddings = (30522 + 512 + 2) * 768 + 2 * 768;
    const layer = 3 * (768 * width + width) + (width * 768 + 768) + (768 * 1024 + 1024) + (1024 * 768 + 768) + 4 * 768;
    const pooler = 768 * 768 + 768;
    expect(supernet.costs(genome, 'conv-linear')).toEqual({ macs: 6 * 128 * (4 * 768 * width + 2 * 768 * 1024) + 768 * 768, params: embeddings + 6 * layer + pooler });
    expect(supernet.costs(genome, 'conv-linear')).toEqual({ macs: 2_114_519_040, params: 40_983_552 });
    expect(supernet.costs(genome, 'torchprofile').macs).toBe(2_114_519_040 + 6 * 2 * 6 * 128 * 128 * 64 + 13 * 128 * 768 + 128);
  });

  it('converts native configs both ways; entries past the depth are ignored', () => {
    const rng = createRng(4);
    for (let trial = 0; trial < 40; trial += 1) {
      const genome = supernet.space.sample(rng);
      const config = supernet.codec.toNative(genome) as ElasticEncoderConfig;
      expect(config.num_attention_heads).toHaveLength(config.num_hidden_layers);
      expect(supernet.codec.fromNative(config)).toEqual(genome);
      expect(supernet.codec.fromNative(JSON.parse(JSON.stringify(config)))).toEqual(genome);
    }
    const padded = { num_layers: 6, num_attention_heads: [...SMALLEST.num_attention_heads, 12, 12, 8, 8, 10, 10], intermediate_size: [...SMALLEST.intermediate_size, 3072, 2048, 1024, 3072, 2048, 1024] };
    expect(supernet.space.key(supernet.codec.fromNative(padded))).toBe(supernet.space.key(supernet.codec.fromNative(SMALLEST)));
  });

  it('names the bad field of a native config', () => {
    expect(fieldOf(() => supernet.codec.fromNative([]))).toBe('config');
    expect(fieldOf(() => supernet.codec.fromNative({ ...LARGEST, num_hidden_layers: 5 }))).toBe('config.num_hidden_layers');
    expect(fieldOf(() => supernet.codec.fromNative({ num_attention_heads: [], intermediate_size: [] }))).toBe('config.num_hidden_layers');
    expect(fieldOf(() => supernet.codec.fromNative({ ...SMALLEST, num_layers: 7 }))).toBe('config.num_layers');
    expect(fieldOf(() => supernet.codec.fromNative({ ...SMALLEST, num_attention_heads: [6, 6, 6, 7, 6, 6] }))).toBe('config.num_attention_heads[3]');
    expect(fieldOf(() => supernet.codec.fromNative({ ...SMALLEST, intermediate_size: [1024] }))).toBe('config.intermediate_size');
    expect(fieldOf(() => supernet.codec.fromNative({ ...SMALLEST, hidden_size: 1024 }))).toBe('config.hidden_size');
    expect(fieldOf(() => createBertBase({ resolution: 'elastic' }))).toBe('resolution');
    expect(fieldOf(() => supernet.buildOnnx(supernet.codec.fromNative(SMALLEST), { batchSize: 0 }))).toBe('batchSize');
  });

  it('builds ONNX graphs that count exactly like the analytic costs', () => {
    const rng = createRng(21);
    const genomes = [supernet.codec.fromNative(LARGEST), supernet.codec.fromNative(SMALLEST), supernet.space.sample(rng), supernet.space.sample(rng)];
    genomes.forEach((genome, index) => {
      const comparison = compareGraphWithCosts(supernet, genome, index === 1 ? 3 : 1);
      expect(comparison.graph).toEqual(comparison.analytic);
      expect(comparison.inputShape).toEqual([index === 1 ? 3 : 1, 128]);
      expect(comparison.outputShape).toEqual([index === 1 ? 3 : 1, 128, 768]);
    });
  }, 120_000);
});

describe('bert-base in onnxruntime', () => {
  it('runs the smallest sub-network on token ids and returns finite hidden states and pooled output', async () => {
    const { InferenceSession, Tensor } = await import('onnxruntime-node');
    const supernet = createBertBase();
    const bytes = supernet.buildOnnx(supernet.codec.fromNative(SMALLEST), { batchSize: 2 });
    const session = await InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
    try {
      const ids = BigInt64Array.from({ length: 2 * 128 }, (_, index) => BigInt((index * 7919) % 30522));
      const outputs = await session.run({ input_ids: new Tensor('int64', ids, [2, 128]) });
      const [sequence, pooled] = session.outputNames.map((name) => outputs[name]);
      expect(sequence?.dims).toEqual([2, 128, 768]);
      expect(pooled?.dims).toEqual([2, 768]);
      expect(Array.from(sequence?.data as Float32Array).every(Number.isFinite)).toBe(true);
      // tanh output, and not constant: the graph really mixes tokens.
      const pooledValues = Array.from(pooled?.data as Float32Array);
      expect(pooledValues.every((value) => Math.abs(value) <= 1)).toBe(true);
      expect(new Set(pooledValues.map((value) => value.toFixed(4))).size).toBeGreaterThan(100);
    } finally {
      await session.release();
    }
  }, 60_000);
});
