import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.js';
import { countGraphBreakdown, countGraphMacs, countGraphParams } from './count-graph.js';
import { GraphBuilder } from './graph-builder.js';
import { batchNormLayer, convLayer, linearLayer } from './layers.js';
import { parseMacsConvention } from './macs-convention.js';
import { serializeModel } from './serialize.js';

/** conv 3→4 (3x3, 8x8) → BN → h-swish → two means → linear 4→10, hand-counted below. */
function smallNet(batch: number): ReturnType<GraphBuilder['build']> {
  const rng = createRng(3);
  const builder = new GraphBuilder();
  const x = builder.input('x', [batch, 3, 8, 8]);
  const conv = convLayer(builder, x, { inChannels: 3, outChannels: 4, kernel: 3 }, rng);
  const act = builder.hardSwish(batchNormLayer(builder, conv, 4, 1e-5, rng));
  const pooled = builder.reduceMean(builder.reduceMean(act, [3], true), [2], true);
  builder.output(linearLayer(builder, builder.flatten(pooled), { inFeatures: 4, outFeatures: 10 }, rng));
  return builder.build();
}

describe('countGraphMacs', () => {
  it('counts a small network by hand in both conventions', () => {
    const model = smallNet(1);
    const conv = 4 * 8 * 8 * 3 * 9; // 6912
    const linear = 4 * 10;
    expect(countGraphMacs(model, 'conv-linear')).toBe(conv + linear);
    // + BN 256 + h-swish 256 + mean over W (4·8 = 32) + mean over H (4)
    expect(countGraphMacs(model, 'torchprofile')).toBe(conv + linear + 256 + 256 + 32 + 4);
    expect(countGraphBreakdown(model)).toEqual({
      convMacs: conv,
      linearMacs: linear,
      matmulMacs: 0,
      normElements: 256,
      mulElements: 256,
      poolElements: 36,
    });
  });

  it('scales with the batch size and reads serialised bytes', () => {
    expect(countGraphMacs(serializeModel(smallNet(4)), 'torchprofile')).toBe(4 * countGraphMacs(smallNet(1), 'torchprofile'));
  });

  it('counts grouped convolutions per group and separates weight products from activation products', () => {
    const builder = new GraphBuilder();
    const x = builder.input('x', [1, 6, 5, 5]);
    const weight = builder.parameter('w', [6, 2, 3, 3], new Float32Array(108));
    builder.output(builder.conv(x, weight, undefined, { pads: [1, 1, 1, 1], group: 3 }));
    const tokens = builder.input('t', [2, 7, 16]);
    const projection = builder.parameter('p', [16, 16], new Float32Array(256));
    const query = builder.matMul(tokens, projection);
    builder.output(builder.matMul(query, builder.transpose(tokens, [0, 2, 1])));
    const breakdown = countGraphBreakdown(builder.build());
    expect(breakdown.convMacs).toBe(6 * 25 * 2 * 9);
    expect(breakdown.linearMacs).toBe(2 * 7 * 16 * 16);
    expect(breakdown.matmulMacs).toBe(2 * 7 * 7 * 16);
    expect(countGraphMacs(builder.build(), 'conv-linear')).toBe(6 * 25 * 2 * 9 + 2 * 7 * 16 * 16);
  });
});

describe('countGraphParams', () => {
  it('counts weights, biases and BN scale/shift but not running statistics or constants', () => {
    // conv 4·3·9 = 108, BN 2·4, linear 4·10 + 10; the Reshape-free graph has no int64 constants.
    expect(countGraphParams(smallNet(1))).toBe(108 + 8 + 50);
    expect(countGraphParams(serializeModel(smallNet(1)))).toBe(166);
  });
});

describe('parseMacsConvention', () => {
  it('accepts the two conventions and names the field otherwise', () => {
    expect(parseMacsConvention('torchprofile')).toBe('torchprofile');
    expect(() => parseMacsConvention('flops', '--macs-convention')).toThrow(/flops/);
  });
});
