import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.js';
import { GraphBuilder } from './graph-builder.js';
import { batchNormLayer, convLayer, linearLayer } from './layers.js';
import { parseModel, serializeModel } from './serialize.js';

async function run(bytes: Uint8Array, feeds: Record<string, ort.Tensor>): Promise<ort.InferenceSession.OnnxValueMapType> {
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  try {
    return await session.run(feeds);
  } finally {
    await session.release();
  }
}

describe('GraphBuilder', () => {
  it('builds a convolution that onnxruntime computes as expected', async () => {
    const builder = new GraphBuilder({ name: 'known-conv' });
    const x = builder.input('x', [1, 1, 3, 3]);
    const weight = builder.parameter('w', [1, 1, 3, 3], new Float32Array(9).fill(1));
    const bias = builder.parameter('b', [1], Float32Array.of(0.5));
    builder.output(builder.conv(x, weight, bias, { pads: [1, 1, 1, 1] }));
    const model = builder.build();
    expect(model.graph.outputs[0]?.shape).toEqual([1, 1, 3, 3]);
    const input = Float32Array.from({ length: 9 }, (_, index) => index + 1);
    const result = await run(serializeModel(model), { x: new ort.Tensor('float32', input, [1, 1, 3, 3]) });
    const output = Object.values(result)[0] as ort.Tensor;
    // Sums of each 3x3 neighbourhood of 1..9 with zero padding, plus the bias.
    expect(Array.from(output.data as Float32Array)).toEqual([12, 21, 16, 27, 45, 33, 24, 39, 28].map((value) => value + 0.5));
  });

  it('computes hard-swish, ReLU6, means and a linear layer like their definitions', async () => {
    const builder = new GraphBuilder();
    const x = builder.input('x', [1, 2, 1, 2]);
    const hswish = builder.hardSwish(x);
    const relu6 = builder.relu6(x);
    const mean = builder.reduceMean(builder.reduceMean(x, [3], true), [2], true);
    const flat = builder.flatten(mean);
    const weight = builder.parameter('fc.weight', [1, 2], Float32Array.of(2, -1));
    const bias = builder.parameter('fc.bias', [1], Float32Array.of(0.25));
    builder.output(hswish);
    builder.output(relu6);
    builder.output(builder.gemm(flat, weight, bias, { transB: true }));
    const result = await run(serializeModel(builder.build()), { x: new ort.Tensor('float32', Float32Array.of(-4, 1, 3, 8), [1, 2, 1, 2]) });
    const [hswishOut, relu6Out, linearOut] = Object.values(result) as ort.Tensor[];
    const hswishExpected = [-4, 1, 3, 8].map((value) => (value * Math.min(Math.max(value + 3, 0), 6)) / 6);
    Array.from(hswishOut?.data as Float32Array).forEach((value, index) => expect(value).toBeCloseTo(hswishExpected[index] as number, 6));
    expect(Array.from(relu6Out?.data as Float32Array)).toEqual([0, 1, 3, 6]);
    // channel means are -1.5 and 5.5: 2·(-1.5) - 5.5 + 0.25
    expect((linearOut?.data as Float32Array)[0]).toBeCloseTo(-8.25, 6);
  });

  it('builds a small attention block (Gather, LayerNormalization, MatMul, Softmax, Slice, Concat) that onnxruntime runs', async () => {
    const rng = createRng(4);
    const builder = new GraphBuilder();
    const ids = builder.input('ids', [2, 5], 'int64');
    const table = builder.parameter('embedding', [11, 8], new Float32Array(88).map(() => rng.next() - 0.5));
    const tokens = builder.gather(table, ids); // [2, 5, 8]
    const normed = builder.layerNormalization(tokens, builder.parameter('ln.weight', [8], new Float32Array(8).fill(1)), builder.parameter('ln.bias', [8], new Float32Array(8)), -1, 1e-5);
    const query = builder.matMul(normed, builder.parameter('wq', [8, 8], new Float32Array(64).map(() => rng.next() - 0.5)));
    const scores = builder.softmax(builder.matMul(query, builder.transpose(normed, [0, 2, 1])), -1); // [2, 5, 5]
    const context = builder.matMul(scores, normed); // [2, 5, 8]
    const halves = builder.concat([builder.slice(context, [0], [4], [2]), builder.slice(context, [4], [8], [2])], 2);
    builder.output(scores);
    builder.output(builder.unsqueeze(halves, [1]));
    const model = builder.build();
    expect(model.graph.outputs.map((output) => output.shape)).toEqual([
      [2, 5, 5],
      [2, 1, 5, 8],
    ]);
    const result = await run(serializeModel(model), { ids: new ort.Tensor('int64', BigInt64Array.from([0, 1, 2, 3, 4, 10, 9, 8, 7, 6], BigInt), [2, 5]) });
    const [scoreTensor, contextTensor] = Object.values(result) as ort.Tensor[];
    expect(contextTensor?.dims).toEqual([2, 1, 5, 8]);
    const rows = scoreTensor?.data as Float32Array;
    for (let row = 0; row < 10; row += 1) {
      const sum = rows.slice(row * 5, row * 5 + 5).reduce((total, value) => total + value, 0);
      expect(sum).toBeCloseTo(1, 5);
    }
  });

  it('falls back to x·HardSigmoid(x) below opset 14', () => {
    const builder = new GraphBuilder({ opsetVersion: 13 });
    builder.output(builder.hardSwish(builder.input('x', [1, 4])));
    expect(builder.build().graph.nodes.map((node) => node.opType)).toEqual(['HardSigmoid', 'Mul']);
  });

  it('round-trips through protobuf bytes with roles, attributes and int64 constants', () => {
    const rng = createRng(7);
    const builder = new GraphBuilder();
    const x = builder.input('x', [2, 3, 8, 8]);
    const conv = convLayer(builder, x, { inChannels: 3, outChannels: 4, kernel: 3, stride: 2 }, rng);
    const bn = batchNormLayer(builder, conv, 4, 1e-5, rng);
    const flat = builder.reshape(bn, [0, -1]);
    builder.output(linearLayer(builder, flat, { inFeatures: 64, outFeatures: 5 }, rng));
    const model = builder.build();
    const parsed = parseModel(serializeModel(model));
    expect(parsed.opsetVersion).toBe(17);
    expect(parsed.graph.nodes.map((node) => node.opType)).toEqual(['Conv', 'BatchNormalization', 'Reshape', 'Gemm']);
    expect(parsed.graph.nodes[0]?.attributes).toEqual(model.graph.nodes[0]?.attributes);
    expect(parsed.graph.initializers.map((tensor) => [tensor.name, tensor.role])).toEqual(
      model.graph.initializers.map((tensor) => [tensor.name, tensor.role]),
    );
    const original = model.graph.initializers[0]?.data as Float32Array;
    expect(Array.from(parsed.graph.initializers[0]?.data as Float32Array)).toEqual(Array.from(original));
    const shapeConstant = parsed.graph.initializers.find((tensor) => tensor.dataType === 'int64');
    expect(Array.from(shapeConstant?.data as BigInt64Array)).toEqual([0n, -1n]);
    expect(parsed.graph.outputs[0]?.shape).toEqual([2, 5]);
  });

  it('gives the same weights for the same seed and different ones for another seed', () => {
    const weightsFor = (seed: number): Float32Array => {
      const builder = new GraphBuilder();
      builder.output(convLayer(builder, builder.input('x', [1, 3, 4, 4]), { inChannels: 3, outChannels: 2, kernel: 3 }, createRng(seed)));
      return builder.build().graph.initializers[0]?.data as Float32Array;
    };
    expect(Array.from(weightsFor(1))).toEqual(Array.from(weightsFor(1)));
    expect(Array.from(weightsFor(1))).not.toEqual(Array.from(weightsFor(2)));
    // He-style bound sqrt(3 / fan-in) with fan-in 27.
    expect(Math.max(...Array.from(weightsFor(1)).map(Math.abs))).toBeLessThanOrEqual(Math.sqrt(3 / 27));
  });

  it('rejects malformed initializers and graphs without outputs, naming the field', () => {
    const builder = new GraphBuilder();
    expect(() => builder.parameter('w', [2, 2], new Float32Array(3))).toThrow(/4/);
    expect(() => builder.build()).toThrow(/no outputs/);
    expect(() => new GraphBuilder({ opsetVersion: 9 })).toThrow(/opset 9/);
  });
});
