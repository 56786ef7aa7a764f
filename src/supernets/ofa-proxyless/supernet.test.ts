import { describe, expect, it } from 'vitest';
import { isCarveError } from '../../core/errors.js';
import { createRng } from '../../core/rng.js';
import type { OfaMobileConfig } from '../ofa-common/mobile-space.js';
import { compareGraphWithCosts } from '../testing/graph-check.js';
import { proxylessWidths } from './architecture.js';
import { createOfaProxyless } from './supernet.js';

const BIGGEST = { ks: new Array(21).fill(7), e: new Array(21).fill(6), d: [4, 4, 4, 4, 4, 1], r: 224 };
const SMALLEST = { ks: new Array(21).fill(3), e: new Array(21).fill(3), d: [2, 2, 2, 2, 2, 1], r: 224 };

describe('OFA ProxylessNAS w1.3', () => {
  const supernet = createOfaProxyless();

  it('scales the ProxylessNAS widths by 1.3 with make_divisible(8)', () => {
    // base [32, 16, 24, 40, 80, 96, 192, 320, 1280] x 1.3
    expect(proxylessWidths(1.3)).toEqual({ stem: 40, firstBlock: 24, stages: [32, 56, 104, 128, 248, 416], featureMix: 1664 });
  });

  it('has 21 blocks: 7371^5 elastic stage choices times 9 for the single-block stage', () => {
    expect(supernet.space.geneCount).toBe(47);
    expect(supernet.space.cardinality()).toBe(7371n ** 5n * 9n);
  });

  it('resolves the largest sub-network block by block', () => {
    const plan = supernet.plan(supernet.codec.fromNative(BIGGEST));
    expect(plan.blocks).toHaveLength(22);
    expect(plan.blocks[0]).toMatchObject({ inChannels: 40, outChannels: 24, expand: false, residual: false, activation: 'relu6' });
    expect(plan.blocks[1]).toMatchObject({ inChannels: 24, midChannels: 144, outChannels: 32, stride: 2, residual: false });
    expect(plan.blocks[2]).toMatchObject({ inChannels: 32, midChannels: 192, outChannels: 32, stride: 1, residual: true });
    expect(plan.blocks[13]).toMatchObject({ inChannels: 104, midChannels: 624, outChannels: 128, stride: 1, residual: false });
    expect(plan.blocks[21]).toMatchObject({ inChannels: 248, midChannels: 1488, outChannels: 416, stride: 1, residual: false });
    expect(plan.blocks.every((block) => block.seChannels === 0)).toBe(true);
    expect(plan.head).toEqual({ kind: 'proxyless', featureMixChannels: 1664, classes: 1000 });
    expect(plan.batchNormEpsilon).toBe(1e-3);
  });

  it('gives the largest and smallest sub-networks the costs derived layer by layer', () => {
    expect(supernet.costs(supernet.codec.fromNative(BIGGEST), 'conv-linear')).toEqual({ macs: 1_004_908_032, params: 7_942_056 });
    expect(supernet.costs(supernet.codec.fromNative(SMALLEST), 'conv-linear')).toEqual({ macs: 265_526_256, params: 3_718_832 });
    // No h-swish or SE here: torchprofile adds batch-norm outputs and the two global means only.
    const breakdown = supernet.costBreakdown(supernet.codec.fromNative(SMALLEST)).macs;
    expect(breakdown.mulElements).toBe(0);
    expect(breakdown.poolElements).toBe(1664 * 7 + 1664);
  });

  it('reads OFA configs with six depths, the last fixed at 1', () => {
    const rng = createRng(5);
    for (let trial = 0; trial < 20; trial += 1) {
      const genome = supernet.space.sample(rng);
      const config = supernet.codec.toNative(genome) as OfaMobileConfig;
      expect(config.d).toHaveLength(6);
      expect(config.d[5]).toBe(1);
      expect(supernet.codec.fromNative(config)).toEqual(genome);
    }
    try {
      supernet.codec.fromNative({ ...BIGGEST, d: [4, 4, 4, 4, 4, 2] });
      expect.unreachable();
    } catch (error) {
      expect(isCarveError(error) && error.field).toBe('config.d[5]');
    }
  });

  it('builds ONNX graphs that count exactly like the analytic costs', () => {
    const elastic = createOfaProxyless({ resolution: 'elastic' });
    const rng = createRng(99);
    for (let trial = 0; trial < 3; trial += 1) {
      const comparison = compareGraphWithCosts(elastic, elastic.space.sample(rng), 1);
      expect(comparison.graph).toEqual(comparison.analytic);
    }
  });
});
