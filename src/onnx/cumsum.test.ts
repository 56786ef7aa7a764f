import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { countGraphBreakdown } from './count-graph.js';
import { GraphBuilder } from './graph-builder.js';
import { inferShapes } from './shape-inference.js';
import { serializeModel } from './serialize.js';
import { attr } from './types.js';

describe('CumSum', () => {
  it('keeps the shape of its input, counts nothing, and runs as a running sum in onnxruntime', async () => {
    const builder = new GraphBuilder();
    const tokens = builder.input('tokens', [2, 4], 'int64');
    const sum = builder.op('CumSum', [tokens, builder.constantInt64('axis', [1], [])]);
    const asFloat = builder.op('Cast', [sum], { to: attr.int(1) });
    builder.output(asFloat);
    const model = builder.build();
    expect(inferShapes(model.graph).get(sum)).toEqual([2, 4]);
    expect(model.graph.outputs[0]?.shape).toEqual([2, 4]);
    expect(model.graph.outputs[0]?.name).toBe(asFloat);
    expect(Object.values(countGraphBreakdown(model)).every((value) => value === 0)).toBe(true);
    const session = await ort.InferenceSession.create(serializeModel(model));
    try {
      const result = await session.run({ tokens: new ort.Tensor('int64', BigInt64Array.from([1, 1, 0, 1, 2, 0, 3, 1], BigInt), [2, 4]) });
      expect(Array.from((result[asFloat] as ort.Tensor).data as Float32Array)).toEqual([1, 2, 2, 3, 2, 2, 5, 6]);
    } finally {
      await session.release();
    }
  });
});
