import { describe, expect, it } from 'vitest';
import { parseModel } from '../../onnx/serialize.js';
import { compareGraphWithCosts } from '../testing/graph-check.js';
import { fashionOfaCosts } from './costs.js';
import { fashionOfaSupernet } from './supernet.js';

const CONFIGS = [
  { ks: [3, 3, 3, 3, 3, 3, 3, 3, 3], e: [2, 2, 2, 2, 2, 2, 2, 2, 2], d: [1, 1, 1] },
  { ks: [5, 5, 5, 5, 5, 5, 5, 5, 5], e: [4, 4, 4, 4, 4, 4, 4, 4, 4], d: [3, 3, 3] },
  { ks: [3, 5, 3, 5, 3, 5, 3, 5, 3], e: [2, 3, 4, 4, 3, 2, 2, 3, 4], d: [2, 3, 1] },
];

describe('fashion-ofa ONNX graph', () => {
  it('counts the same conv/linear MACs and parameters as the analytic costs', () => {
    for (const config of CONFIGS) {
      const genome = fashionOfaSupernet.codec.fromNative(config);
      const batchSize = 3;
      const comparison = compareGraphWithCosts(fashionOfaSupernet, genome, batchSize);
      expect(comparison.graph.convLinear).toBe(comparison.analytic.convLinear);
      expect(comparison.graph.params).toBe(comparison.analytic.params);
      // The graph writes each group norm's affine step as a separate Mul, which a graph count adds once more
      // per normalised element; the analytic count follows PyTorch, where the affine step is part of the norm.
      const normElements = fashionOfaCosts(config).breakdown().normElements;
      expect(comparison.graph.torchprofile).toBe(comparison.analytic.torchprofile + batchSize * normElements);
      expect(comparison.inputShape).toEqual([batchSize, 1, 28, 28]);
      expect(comparison.outputShape).toEqual([batchSize, 10]);
    }
  });

  it('carries the trained weights: the stem kernel equals the stored one', () => {
    const genome = fashionOfaSupernet.codec.fromNative(CONFIGS[0]);
    const model = parseModel(fashionOfaSupernet.buildOnnx(genome, { batchSize: 1 }));
    const stem = model.graph.initializers.find((tensor) => tensor.name === 'stem.conv.weight');
    expect(stem?.dims).toEqual([16, 1, 3, 3]);
    const again = parseModel(fashionOfaSupernet.buildOnnx(genome, { batchSize: 1, seed: 5 }));
    expect(again.graph.initializers.find((tensor) => tensor.name === 'stem.conv.weight')?.data).toEqual(stem?.data);
    expect(() => fashionOfaSupernet.buildOnnx(genome, { batchSize: 0 })).toThrow(/batch size/);
  });
});
