import { describe, expect, it } from 'vitest';
import { GraphBuilder } from './graph-builder.js';
import { broadcastShapes, inferShapes, windowOutputSize } from './shape-inference.js';

function shapesOf(build: (builder: GraphBuilder) => string[]): number[][] {
  const builder = new GraphBuilder();
  const values = build(builder);
  for (const value of values) builder.output(value);
  const model = builder.build();
  const shapes = inferShapes(model.graph);
  return values.map((value) => shapes.get(value) as number[]);
}

describe('windowOutputSize', () => {
  it('matches PyTorch for convolutions with same padding', () => {
    expect(windowOutputSize(224, 3, 2, 1, 1, 1, false)).toBe(112);
    expect(windowOutputSize(56, 5, 2, 2, 2, 1, false)).toBe(28);
    expect(windowOutputSize(7, 3, 2, 1, 1, 1, false)).toBe(4);
    expect(windowOutputSize(33, 7, 2, 3, 3, 1, false)).toBe(17);
    expect(windowOutputSize(14, 7, 1, 3, 3, 1, false)).toBe(14);
  });

  it('rounds up in ceil mode without starting a window in the end padding', () => {
    expect(windowOutputSize(7, 2, 2, 0, 0, 1, true)).toBe(4);
    expect(windowOutputSize(7, 2, 2, 0, 0, 1, false)).toBe(3);
    expect(windowOutputSize(8, 2, 2, 0, 0, 1, true)).toBe(4);
    // ceil((5 + 2 - 3) / 2) + 1 = 3 windows, the last starting at 4 < 5 + 1: kept.
    expect(windowOutputSize(5, 3, 2, 1, 1, 1, true)).toBe(3);
    // ceil((4 + 2 - 3) / 2) + 1 = 3 windows, the last starting at 4 < 4 + 1: kept.
    expect(windowOutputSize(4, 3, 2, 1, 1, 1, true)).toBe(3);
    // ceil((2 + 2 - 1) / 2) + 1 = 3, last start 4 >= 2 + 1: dropped.
    expect(windowOutputSize(2, 1, 2, 1, 1, 1, true)).toBe(2);
  });
});

describe('broadcastShapes', () => {
  it('follows numpy rules', () => {
    expect(broadcastShapes([[2, 1, 4], [3, 1]])).toEqual([2, 3, 4]);
    expect(broadcastShapes([[5], []])).toEqual([5]);
    expect(() => broadcastShapes([[2, 3], [4, 3]])).toThrow(/broadcast/);
  });
});

describe('inferShapes', () => {
  it('infers convolution, pooling and reduction shapes', () => {
    const [depthwise, pooled, meanKeep, meanDrop, global] = shapesOf((builder) => {
      const x = builder.input('x', [2, 8, 15, 15]);
      const weight = builder.parameter('w', [8, 1, 5, 5], new Float32Array(200));
      const depthwiseOut = builder.conv(x, weight, undefined, { strides: [2, 2], pads: [2, 2, 2, 2], group: 8 });
      return [
        depthwiseOut,
        builder.averagePool(depthwiseOut, { kernelShape: [2, 2], strides: [2, 2], ceilMode: true }),
        builder.reduceMean(depthwiseOut, [3], true),
        builder.reduceMean(builder.reduceMean(depthwiseOut, [3], false), [2], false),
        builder.globalAveragePool(x),
      ];
    });
    expect(depthwise).toEqual([2, 8, 8, 8]);
    expect(pooled).toEqual([2, 8, 4, 4]);
    expect(meanKeep).toEqual([2, 8, 8, 1]);
    expect(meanDrop).toEqual([2, 8]);
    expect(global).toEqual([2, 8, 1, 1]);
  });

  it('infers reshape, flatten, transpose, concat, slice, gather, unsqueeze and matmul shapes', () => {
    const shapes = shapesOf((builder) => {
      const x = builder.input('x', [2, 6, 4]);
      const ids = builder.input('ids', [2, 5], 'int64');
      const table = builder.parameter('table', [100, 4], new Float32Array(400));
      const weight = builder.parameter('w', [4, 3], new Float32Array(12));
      return [
        builder.reshape(x, [0, 3, -1]),
        builder.flatten(x, 2),
        builder.transpose(x, [0, 2, 1]),
        builder.concat([x, x], 1),
        builder.slice(x, [1], [100], [1]),
        builder.slice(x, [0], [-1], [2], [2]),
        builder.gather(table, ids),
        builder.unsqueeze(x, [1]),
        builder.matMul(x, weight),
        builder.matMul(x, builder.transpose(x, [0, 2, 1])),
      ];
    });
    expect(shapes).toEqual([
      [2, 3, 8],
      [12, 4],
      [2, 4, 6],
      [2, 12, 4],
      [2, 5, 4],
      [2, 6, 2],
      [2, 5, 4],
      [2, 1, 6, 4],
      [2, 6, 3],
      [2, 6, 6],
    ]);
  });

  it('refuses graphs it cannot follow, naming the node', () => {
    const builder = new GraphBuilder();
    const x = builder.input('x', [1, 4]);
    builder.output(builder.op('TopK', [x]));
    expect(() => inferShapes(builder.build().graph)).toThrow(/TopK/);
    const symbolic = new GraphBuilder();
    symbolic.output(symbolic.relu(symbolic.input('x', ['batch', 4])), ['batch', 4]);
    expect(() => inferShapes(symbolic.build().graph)).toThrow(/symbolic/);
  });
});
