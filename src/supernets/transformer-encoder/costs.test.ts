import { describe, expect, it } from 'vitest';
import { CostTally } from '../cost-tally.js';
import { encoderLayerParams, type EncoderSpec } from './architecture.js';
import { addEncoderCosts, addEncoderLayerCosts } from './costs.js';

const SPEC: EncoderSpec = {
  tokens: 10,
  hidden: 768,
  layers: [{ heads: 8, ffn: 2048 }],
  norm: 'post',
  scaling: 'divide-scores',
  fusedQkv: false,
  additiveMask: true,
  layerNormEpsilon: 1e-12,
};

describe('encoder costs', () => {
  it('counts one layer by kind: linear, attention products, LayerNorm elements and parameters', () => {
    const tally = new CostTally();
    addEncoderLayerCosts(tally, SPEC, { heads: 8, ffn: 2048 });
    expect(tally.result()).toEqual({
      macs: {
        convMacs: 0,
        linearMacs: 10 * (3 * 768 * 512 + 512 * 768 + 768 * 2048 + 2048 * 768),
        matmulMacs: 2 * 8 * 10 * 10 * 64,
        normElements: 2 * 10 * 768,
        mulElements: 0,
        poolElements: 0,
      },
      params: encoderLayerParams(768, { heads: 8, ffn: 2048 }),
    });
  });

  it('counts the query scaling of timm as one multiply per query element, the score division as nothing', () => {
    const divide = new CostTally();
    const scale = new CostTally();
    addEncoderLayerCosts(divide, SPEC, { heads: 8, ffn: 2048 });
    addEncoderLayerCosts(scale, { ...SPEC, scaling: 'scale-queries' }, { heads: 8, ffn: 2048 });
    expect(scale.mulElements - divide.mulElements).toBe(10 * 512);
    expect(scale.macs('conv-linear')).toBe(divide.macs('conv-linear'));
  });

  it('sums the layers of a stack; attention products grow with the square of the tokens', () => {
    const layers = [
      { heads: 12, ffn: 3072 },
      { heads: 6, ffn: 1024 },
    ];
    const stack = addEncoderCosts(new CostTally(), { ...SPEC, layers });
    const one = new CostTally();
    for (const layer of layers) addEncoderLayerCosts(one, SPEC, layer);
    expect(stack.result()).toEqual(one.result());
    const doubled = addEncoderCosts(new CostTally(), { ...SPEC, layers, tokens: 20 });
    expect(doubled.matmulMacs).toBe(4 * stack.matmulMacs);
    expect(doubled.linearMacs).toBe(2 * stack.linearMacs);
    expect(doubled.params).toBe(stack.params);
  });
});
