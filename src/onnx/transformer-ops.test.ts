import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { countGraphBreakdown } from './count-graph.js';
import { GraphBuilder, irVersionFor } from './graph-builder.js';
import { parseModel, serializeModel } from './serialize.js';

async function run(bytes: Uint8Array, feeds: Record<string, ort.Tensor>): Promise<ort.Tensor[]> {
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  try {
    const result = await session.run(feeds);
    return session.outputNames.map((name) => result[name] as ort.Tensor);
  } finally {
    await session.release();
  }
}

describe('operators of transformer graphs', () => {
  it('computes the exact erf GELU as one opset-20 operator that counts no MACs', async () => {
    const builder = new GraphBuilder({ opsetVersion: 20 });
    const x = builder.input('x', [1, 4]);
    builder.output(builder.gelu(x));
    const model = builder.build();
    expect(model.irVersion).toBe(9);
    expect(parseModel(serializeModel(model)).opsetVersion).toBe(20);
    const [y] = await run(serializeModel(model), { x: new ort.Tensor('float32', Float32Array.of(-1, 0, 1, 2), [1, 4]) });
    // x·Φ(x): Φ(1) = 0.8413447, Φ(2) = 0.9772499.
    const expected = [-(1 - 0.8413447460685429), 0, 0.8413447460685429, 2 * 0.9772498680518208];
    Array.from(y?.data as Float32Array).forEach((value, index) => expect(value).toBeCloseTo(expected[index] as number, 5));
    expect(Object.values(countGraphBreakdown(model)).every((count) => count === 0)).toBe(true);
  });

  it('refuses Gelu below opset 20 and pairs each opset with its IR version', () => {
    const builder = new GraphBuilder({ opsetVersion: 17 });
    expect(() => builder.gelu(builder.input('x', [1]))).toThrow(/opset 20/);
    expect(() => new GraphBuilder({ opsetVersion: 21 })).toThrow(/opset 21/);
    expect([13, 17, 18, 19, 20].map(irVersionFor)).toEqual([8, 8, 8, 9, 9]);
  });

  it('expands a class token over the batch and concatenates it with patch tokens', async () => {
    const builder = new GraphBuilder({ opsetVersion: 20 });
    const patches = builder.input('patches', [3, 2, 4]);
    const token = builder.parameter('cls_token', [1, 1, 4], Float32Array.of(1, 2, 3, 4));
    const tokens = builder.concat([builder.expand(token, [3, 1, 1]), patches], 1);
    builder.output(tokens);
    const model = builder.build();
    expect(model.graph.outputs[0]?.shape).toEqual([3, 3, 4]);
    const [y] = await run(serializeModel(model), { patches: new ort.Tensor('float32', new Float32Array(24).fill(9), [3, 2, 4]) });
    const values = Array.from(y?.data as Float32Array);
    for (let sample = 0; sample < 3; sample += 1) expect(values.slice(sample * 12, sample * 12 + 4)).toEqual([1, 2, 3, 4]);
    expect(values.filter((value) => value === 9)).toHaveLength(24);
  });

  it('infers Expand shapes by numpy broadcasting and rejects shapes that do not broadcast', () => {
    const builder = new GraphBuilder();
    const x = builder.input('x', [1, 5, 1]);
    const wide = builder.expand(x, [2, 1, 5, 3]);
    builder.output(wide);
    expect(builder.build().graph.outputs[0]?.shape).toEqual([2, 1, 5, 3]);
    const bad = new GraphBuilder();
    bad.output(bad.expand(bad.input('x', [1, 5, 1]), [4, 2]));
    expect(() => bad.build()).toThrow(/broadcast/);
  });

  it('writes ReduceMean axes as an input from opset 18, which onnxruntime accepts', async () => {
    const builder = new GraphBuilder({ opsetVersion: 20 });
    const x = builder.input('x', [1, 2, 3]);
    builder.output(builder.reduceMean(x, [2], false));
    const model = builder.build();
    expect(model.graph.nodes[0]?.inputs).toHaveLength(2);
    expect(model.graph.outputs[0]?.shape).toEqual([1, 2]);
    const [y] = await run(serializeModel(model), { x: new ort.Tensor('float32', Float32Array.of(1, 2, 3, 4, 5, 6), [1, 2, 3]) });
    expect(Array.from(y?.data as Float32Array)).toEqual([2, 5]);
  });

  it('counts attention products as matmul, weight products as linear, layer norm per output element', () => {
    const builder = new GraphBuilder({ opsetVersion: 20 });
    const x = builder.input('x', [2, 5, 8]);
    const weight = builder.parameter('w', [8, 6], new Float32Array(48).fill(0.1));
    const projected = builder.matMul(x, weight); // [2, 5, 6]: 2·5·6·8 = 480 linear MACs
    const scores = builder.matMul(projected, builder.transpose(projected, [0, 2, 1])); // [2, 5, 5]: 2·5·5·6 = 300
    const probabilities = builder.softmax(scores);
    const scale = builder.parameter('ln.weight', [5], new Float32Array(5).fill(1));
    const shift = builder.parameter('ln.bias', [5], new Float32Array(5));
    builder.output(builder.gelu(builder.layerNormalization(probabilities, scale, shift, -1, 1e-6))); // 50 norm elements
    expect(countGraphBreakdown(builder.build())).toEqual({ convMacs: 0, linearMacs: 480, matmulMacs: 300, normElements: 50, mulElements: 0, poolElements: 0 });
  });
});
