import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import { GraphBuilder } from '../../onnx/graph-builder.js';
import { serializeModel } from '../../onnx/serialize.js';
import type { EncoderSpec } from './architecture.js';
import { encoderLayer } from './onnx-layers.js';

// A tiny layer (hidden 8, 2 heads of 64, feed-forward 16, 3 tokens, batch 2) checked against a plain
// re-implementation of the PyTorch forward passes: head splitting, scaling, masking and both LN placements.
const HIDDEN = 8;
const TOKENS = 3;
const BATCH = 2;
const LAYER = { heads: 2, ffn: 16 };

type Matrix = number[][];

function weightsOf(model: ReturnType<GraphBuilder['build']>): (name: string) => Float32Array {
  const byName = new Map(model.graph.initializers.map((tensor) => [tensor.name, tensor.data as Float32Array]));
  return (name) => {
    const data = byName.get(name);
    if (data === undefined) throw new Error(`no initializer ${name}`);
    return data;
  };
}

function dense(x: Matrix, weight: Float32Array, bias: Float32Array, columns?: [number, number]): Matrix {
  const outFeatures = bias.length;
  const [from, to] = columns ?? [0, outFeatures];
  return x.map((row) =>
    Array.from({ length: to - from }, (_, j) => row.reduce((sum, value, i) => sum + value * (weight[i * outFeatures + from + j] as number), bias[from + j] as number)),
  );
}

function layerNorm(x: Matrix, scale: Float32Array, shift: Float32Array, epsilon: number): Matrix {
  return x.map((row) => {
    const mean = row.reduce((sum, value) => sum + value, 0) / row.length;
    const variance = row.reduce((sum, value) => sum + (value - mean) ** 2, 0) / row.length;
    return row.map((value, index) => ((value - mean) / Math.sqrt(variance + epsilon)) * (scale[index] as number) + (shift[index] as number));
  });
}

/** erf by Abramowitz & Stegun 7.1.26 (error below 1.5e-7). */
function erf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return Math.sign(x) * (1 - poly * Math.exp(-x * x));
}

const add = (a: Matrix, b: Matrix): Matrix => a.map((row, i) => row.map((value, j) => value + (b[i]?.[j] as number)));

function attention(q: Matrix, k: Matrix, v: Matrix, heads: number, mask: readonly number[]): Matrix {
  const out: Matrix = q.map(() => new Array<number>(heads * 64).fill(0));
  for (let head = 0; head < heads; head += 1) {
    const cols = (row: number[]): number[] => row.slice(head * 64, head * 64 + 64);
    q.forEach((queryRow, i) => {
      const scores = k.map((keyRow, j) => cols(queryRow).reduce((sum, value, d) => sum + value * (cols(keyRow)[d] as number), 0) / 8 + (mask[j] as number));
      const top = Math.max(...scores);
      const weights = scores.map((score) => Math.exp(score - top));
      const total = weights.reduce((sum, value) => sum + value, 0);
      for (let d = 0; d < 64; d += 1) {
        (out[i] as number[])[head * 64 + d] = v.reduce((sum, valueRow, j) => sum + ((weights[j] as number) / total) * (cols(valueRow)[d] as number), 0);
      }
    });
  }
  return out;
}

function reference(spec: EncoderSpec, weight: (name: string) => Float32Array, x: Matrix, mask: readonly number[]): Matrix {
  const width = LAYER.heads * 64;
  const p = 'layer';
  const selfAttention = (input: Matrix): Matrix => {
    let q: Matrix;
    let k: Matrix;
    let v: Matrix;
    if (spec.fusedQkv) {
      const w = weight(`${p}.attention.qkv.weight`);
      const b = weight(`${p}.attention.qkv.bias`);
      [q, k, v] = [0, 1, 2].map((part) => dense(input, w, b, [part * width, (part + 1) * width])) as [Matrix, Matrix, Matrix];
    } else {
      [q, k, v] = ['query', 'key', 'value'].map((part) => dense(input, weight(`${p}.attention.${part}.weight`), weight(`${p}.attention.${part}.bias`))) as [Matrix, Matrix, Matrix];
    }
    return dense(attention(q, k, v, LAYER.heads, mask), weight(`${p}.attention.output.weight`), weight(`${p}.attention.output.bias`));
  };
  const ffn = (input: Matrix): Matrix => {
    const inner = dense(input, weight(`${p}.ffn.intermediate.weight`), weight(`${p}.ffn.intermediate.bias`)).map((row) => row.map((value) => 0.5 * value * (1 + erf(value / Math.SQRT2))));
    return dense(inner, weight(`${p}.ffn.output.weight`), weight(`${p}.ffn.output.bias`));
  };
  const norm = (input: Matrix, name: string): Matrix => layerNorm(input, weight(`${name}.weight`), weight(`${name}.bias`), spec.layerNormEpsilon);
  if (spec.norm === 'post') {
    const attended = norm(add(selfAttention(x), x), `${p}.attention.norm`);
    return norm(add(ffn(attended), attended), `${p}.ffn.norm`);
  }
  const attended = add(x, selfAttention(norm(x, `${p}.norm1`)));
  return add(attended, ffn(norm(attended, `${p}.norm2`)));
}

async function compare(spec: EncoderSpec, withMask: boolean): Promise<void> {
  const builder = new GraphBuilder({ opsetVersion: 20 });
  const x = builder.input('x', [BATCH, TOKENS, HIDDEN]);
  const mask = withMask ? builder.input('mask', [BATCH, 1, 1, TOKENS]) : undefined;
  builder.output(encoderLayer(builder, spec, LAYER, x, createRng(9), 'layer', mask));
  const model = builder.build();
  expect(model.graph.outputs[0]?.shape).toEqual([BATCH, TOKENS, HIDDEN]);
  const input = Float32Array.from({ length: BATCH * TOKENS * HIDDEN }, (_, index) => Math.sin(index * 1.3) * 2);
  // Sample 0 sees every token; sample 1 masks out its last token.
  const maskValues = Float32Array.of(0, 0, 0, 0, 0, -1e9);
  const session = await ort.InferenceSession.create(serializeModel(model), { intraOpNumThreads: 1, interOpNumThreads: 1 });
  let output: Float32Array;
  try {
    const feeds: Record<string, ort.Tensor> = { x: new ort.Tensor('float32', input, [BATCH, TOKENS, HIDDEN]) };
    if (withMask) feeds['mask'] = new ort.Tensor('float32', maskValues, [BATCH, 1, 1, TOKENS]);
    output = (await session.run(feeds))[session.outputNames[0] as string]?.data as Float32Array;
  } finally {
    await session.release();
  }
  for (let sample = 0; sample < BATCH; sample += 1) {
    const rows = Array.from({ length: TOKENS }, (_, t) => Array.from(input.slice((sample * TOKENS + t) * HIDDEN, (sample * TOKENS + t + 1) * HIDDEN)));
    const sampleMask = withMask ? Array.from(maskValues.slice(sample * TOKENS, (sample + 1) * TOKENS)) : [0, 0, 0];
    const expected = reference(spec, weightsOf(model), rows, sampleMask).flat();
    const actual = Array.from(output.slice(sample * TOKENS * HIDDEN, (sample + 1) * TOKENS * HIDDEN));
    actual.forEach((value, index) => expect(value).toBeCloseTo(expected[index] as number, 3));
  }
}

const BASE: EncoderSpec = { tokens: TOKENS, hidden: HIDDEN, layers: [LAYER], norm: 'post', scaling: 'divide-scores', fusedQkv: false, additiveMask: true, layerNormEpsilon: 1e-12 };

describe('encoder layer emitters', () => {
  it('compute a post-LN BERT layer (separate q, k, v, divided scores, additive mask) like its definition', async () => {
    await compare(BASE, true);
  });

  it('compute a pre-LN ViT layer (fused qkv split per head, scaled queries) like its definition', async () => {
    await compare({ ...BASE, norm: 'pre', scaling: 'scale-queries', fusedQkv: true, additiveMask: false, layerNormEpsilon: 1e-6 }, false);
  });

  it('name parameters by layer and keep the 768 hidden size out of the attention width', () => {
    const builder = new GraphBuilder({ opsetVersion: 20 });
    const x = builder.input('x', [1, 4, 768]);
    builder.output(encoderLayer(builder, { ...BASE, tokens: 4, hidden: 768, norm: 'pre', fusedQkv: true }, { heads: 6, ffn: 1024 }, x, createRng(1), 'layer.0'));
    const shapes = new Map(builder.build().graph.initializers.filter((tensor) => tensor.role === 'parameter').map((tensor) => [tensor.name, tensor.dims]));
    expect(shapes.get('layer.0.attention.qkv.weight')).toEqual([768, 3 * 384]);
    expect(shapes.get('layer.0.attention.output.weight')).toEqual([384, 768]);
    expect(shapes.get('layer.0.ffn.intermediate.weight')).toEqual([768, 1024]);
    expect(shapes.get('layer.0.norm2.weight')).toEqual([768]);
  });
});
