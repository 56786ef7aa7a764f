import { describe, expect, it } from 'vitest';
import { isCarveError } from '../../core/errors.js';
import { createRng } from '../../core/rng.js';
import type { OfaMobileConfig } from '../ofa-common/mobile-space.js';
import { createOfaMobileNetV3 } from './supernet.js';

const BIGGEST = { ks: new Array(20).fill(7), e: new Array(20).fill(6), d: [4, 4, 4, 4, 4], r: 224 };
const SMALLEST = { ks: new Array(20).fill(3), e: new Array(20).fill(3), d: [2, 2, 2, 2, 2], r: 224 };

function errorOf(action: () => unknown): { field: string | undefined; message: string; hint: string | undefined } {
  try {
    action();
  } catch (error) {
    if (isCarveError(error)) return { field: error.field, message: error.message, hint: error.hint };
    throw error;
  }
  throw new Error('expected a CarveError');
}

describe('OFA MobileNetV3 w1.0', () => {
  const supernet = createOfaMobileNetV3(1.0);

  it('has the OFA sizes: 7371 networks per stage, 7371^5 in all, x25 with elastic resolution', () => {
    expect(supernet.space.geneCount).toBe(45);
    expect(supernet.space.cardinality()).toBe(7371n ** 5n);
    expect(createOfaMobileNetV3(1.0, { resolution: 'elastic' }).space.cardinality()).toBe(7371n ** 5n * 25n);
  });

  it('gives the largest and smallest sub-networks the costs derived layer by layer', () => {
    // Both bracket the DyNAS-T logs (123.0M to 506.5M MACs) and exceed MobileNetV3-Large (219M MACs, 5.4M params).
    expect(supernet.costs(supernet.codec.fromNative(BIGGEST), 'conv-linear')).toEqual({ macs: 566_170_656, params: 7_664_760 });
    expect(supernet.costs(supernet.codec.fromNative(SMALLEST), 'conv-linear')).toEqual({ macs: 121_278_672, params: 3_410_792 });
  });

  it('matches the MACs DyNAS-T logged in 2023 with torchprofile on batch-norm-free sub-networks', () => {
    // IntelLabs/DyNAS-T tests/inputs/ofa.csv: torchprofile after removing BN counts conv/linear, h-swish and SE
    // multiplies and means; the same rows in the 2022 logs have conv-linear MACs 244,945,104 and 283,418,016.
    const cases = [
      {
        config: { ks: [7, 3, 3, 7, 5, 3, 3, 3, 7, 3, 7, 7, 7, 3, 7, 5, 3, 3, 3, 3], e: [3, 6, 6, 3, 6, 3, 6, 6, 6, 6, 4, 3, 4, 6, 4, 3, 3, 6, 4, 4], d: [3, 2, 2, 3, 2], r: [224] },
        macs: 246_958_392,
        params: 4_536_768,
      },
      {
        config: { ks: [3, 5, 3, 5, 5, 7, 5, 3, 7, 5, 7, 3, 5, 3, 7, 5, 7, 7, 5, 7], e: [3, 6, 3, 3, 6, 3, 4, 3, 3, 3, 4, 4, 4, 6, 4, 3, 4, 4, 3, 6], d: [3, 4, 4, 4, 2], r: [224] },
        macs: 285_884_976,
        params: 4_543_496,
      },
    ];
    for (const { config, macs, params } of cases) {
      const breakdown = supernet.costBreakdown(supernet.codec.fromNative(config));
      const { convMacs, linearMacs, mulElements, poolElements } = breakdown.macs;
      expect(convMacs + linearMacs + mulElements + poolElements).toBe(macs);
      expect(breakdown.params).toBe(params);
    }
  });

  it("matches the totals OFA publishes for its specialized note8 sub-networks", () => {
    // mit-han-lab/once-for-all README, "OFA Specialized Sub-nets": note8_lat@22ms_top1@70.4 has 4.3M params and
    // 67M MACs, note8_lat@31ms_top1@72.8 has 4.6M params and 101M MACs. Their configs (and input sizes 140, 152)
    // are mirrored in open-mmlab/mmrazor configs/nas/mmcls/onceforall/OFA_SUBNET_NOTE8_LAT22.yaml and _LAT31.yaml.
    const elastic = createOfaMobileNetV3(1.0, { resolution: 'elastic' });
    const lat22 = elastic.costs(
      elastic.codec.fromNative({
        ks: [3, 3, 3, 3, 5, 5, 3, 3, 7, 3, 3, 3, 5, 3, 3, 3, 3, 7, 3, 3],
        e: [3, 3, 3, 3, 3, 3, 3, 3, 4, 3, 3, 3, 3, 4, 3, 3, 6, 6, 3, 6],
        d: [2, 2, 2, 2, 2],
        r: 140,
      }),
      'conv-linear',
    );
    expect(lat22).toEqual({ macs: 67_196_888, params: 4_304_592 });
    expect(Math.round(lat22.macs / 1e6)).toBe(67);
    expect(Math.round(lat22.params / 1e5) / 10).toBe(4.3);
    const lat31 = elastic.costs(
      elastic.codec.fromNative({
        ks: [5, 3, 3, 3, 5, 5, 3, 3, 3, 3, 5, 3, 3, 5, 7, 3, 3, 3, 5, 5],
        e: [3, 3, 3, 3, 4, 3, 3, 3, 4, 4, 4, 4, 4, 3, 4, 3, 6, 3, 3, 3],
        d: [2, 2, 3, 3, 4],
        r: 152,
      }),
      'conv-linear',
    );
    expect(Math.round(lat31.macs / 1e6)).toBe(101);
    expect(Math.round(lat31.params / 1e5) / 10).toBe(4.6);
  });

  it('converts native configs both ways and ignores entries of inactive blocks', () => {
    const rng = createRng(11);
    for (let trial = 0; trial < 50; trial += 1) {
      const genome = supernet.space.sample(rng);
      const config = supernet.codec.toNative(genome) as OfaMobileConfig;
      expect(config.ks).toHaveLength(20);
      expect(config.r).toBe(224);
      expect(supernet.codec.fromNative(config)).toEqual(genome);
    }
    const shallow = { ...SMALLEST, ks: [...SMALLEST.ks], e: [...SMALLEST.e] };
    const withJunk = { ...shallow, ks: shallow.ks.map((value, block) => (block % 4 >= 2 ? 0 : value)), e: shallow.e.map((value, block) => (block % 4 >= 2 ? null : value)) };
    expect(supernet.space.key(supernet.codec.fromNative(withJunk))).toBe(supernet.space.key(supernet.codec.fromNative(SMALLEST)));
  });

  it('rejects bad native configs, naming the field and the fix', () => {
    expect(errorOf(() => supernet.codec.fromNative('ks=3')).field).toBe('config');
    expect(errorOf(() => supernet.codec.fromNative({ ...BIGGEST, ks: [7, 7] }))).toMatchObject({ field: 'config.ks', message: expect.stringContaining('2 entries') });
    const badKernel = { ...BIGGEST, ks: [...BIGGEST.ks] };
    badKernel.ks[3] = 4;
    expect(errorOf(() => supernet.codec.fromNative(badKernel))).toMatchObject({ field: 'config.ks[3]', hint: 'use one of 3, 5, 7' });
    expect(errorOf(() => supernet.codec.fromNative({ ...BIGGEST, d: [4, 4, 5, 4, 4] })).field).toBe('config.d[2]');
    expect(errorOf(() => supernet.codec.fromNative({ ...BIGGEST, e: undefined })).field).toBe('config.e');
    expect(errorOf(() => supernet.codec.fromNative({ ...BIGGEST, r: 160 }))).toMatchObject({ field: 'config.r', hint: expect.stringContaining('elastic') });
  });

  it('accepts the resolution as r, [r] or image_size, and defaults to 224 when absent', () => {
    const elastic = createOfaMobileNetV3(1.0, { resolution: 'elastic' });
    const at = (config: Record<string, unknown>): number => (elastic.codec.toNative(elastic.codec.fromNative(config)) as OfaMobileConfig).r;
    expect(at({ ...SMALLEST, r: 160 })).toBe(160);
    expect(at({ ...SMALLEST, r: [132] })).toBe(132);
    expect(at({ ks: SMALLEST.ks, e: SMALLEST.e, d: SMALLEST.d, image_size: 200 })).toBe(200);
    expect(at({ ks: SMALLEST.ks, e: SMALLEST.e, d: SMALLEST.d })).toBe(224);
    expect(errorOf(() => elastic.codec.fromNative({ ...SMALLEST, r: 130 })).field).toBe('config.r');
    // MACs grow with the square of the feature maps: 128 input gives far fewer than 224.
    const small = elastic.costs(elastic.codec.fromNative({ ...SMALLEST, r: 128 }), 'conv-linear');
    const large = elastic.costs(elastic.codec.fromNative(SMALLEST), 'conv-linear');
    expect(small.params).toBe(large.params);
    expect(small.macs).toBeLessThan(large.macs * 0.4);
  });
});

describe('OFA MobileNetV3 w1.2', () => {
  const supernet = createOfaMobileNetV3(1.2, { fixedResolution: 236 });

  it("builds OFA's published flops@595M sub-network with its channel widths", () => {
    // The net.config of flops@595M_top1@80.0_finetune@75 (mirrored in Alibaba-MIIL/ImageNet21K,
    // src_files/models/ofa/specialized_models_configs/) runs at 236 pixels with these blocks.
    const mirrored = {
      ks: [3, 5, 3, 3, 5, 5, 3, 5, 7, 5, 3, 5, 3, 5, 7, 3, 3, 5, 3, 3],
      e: [3, 4, 3, 3, 4, 4, 6, 3, 6, 6, 3, 4, 6, 6, 6, 4, 6, 6, 3, 3],
      d: [3, 4, 4, 4, 3],
      r: 236,
    };
    const plan = supernet.plan(supernet.codec.fromNative(mirrored));
    expect(plan.stem.outChannels).toBe(24);
    expect(plan.blocks.map((block) => [block.inChannels, block.midChannels, block.outChannels, block.kernel, block.stride, block.seChannels > 0])).toEqual([
      [24, 24, 24, 3, 1, false],
      [24, 72, 32, 3, 2, false],
      [32, 128, 32, 5, 1, false],
      [32, 96, 32, 3, 1, false],
      [32, 128, 48, 5, 2, true],
      [48, 192, 48, 5, 1, true],
      [48, 288, 48, 3, 1, true],
      [48, 144, 48, 5, 1, true],
      [48, 288, 96, 7, 2, false],
      [96, 576, 96, 5, 1, false],
      [96, 288, 96, 3, 1, false],
      [96, 384, 96, 5, 1, false],
      [96, 576, 136, 3, 1, true],
      [136, 816, 136, 5, 1, true],
      [136, 816, 136, 7, 1, true],
      [136, 544, 136, 3, 1, true],
      [136, 816, 192, 3, 2, true],
      [192, 1152, 192, 5, 1, true],
      [192, 576, 192, 3, 1, true],
    ]);
    expect(plan.head).toEqual({ kind: 'mbv3', finalExpandChannels: 1152, featureMixChannels: 1536, classes: 1000 });
    expect(supernet.costs(supernet.codec.fromNative(mirrored), 'conv-linear')).toEqual({ macs: 565_550_376, params: 8_013_208 });
    // OFA's README lists this network at 595M MACs and 9.1M params. The mirror has 18 elastic blocks; with a
    // fourth stage-5 block (kernel 3, expand 6) both published figures are reproduced to their last digit.
    const withFourthBlock = { ...mirrored, ks: [...mirrored.ks.slice(0, 19), 3], e: [...mirrored.e.slice(0, 19), 6], d: [3, 4, 4, 4, 4] };
    const published = supernet.costs(supernet.codec.fromNative(withFourthBlock), 'conv-linear');
    expect(published).toEqual({ macs: 595_189_032, params: 9_135_928 });
    expect(Math.round(published.macs / 1e6)).toBe(595);
    expect(Math.round(published.params / 1e5) / 10).toBe(9.1);
  });

  it('gives the largest and smallest sub-networks at 224', () => {
    const at224 = createOfaMobileNetV3(1.2);
    expect(at224.costs(at224.codec.fromNative(BIGGEST), 'conv-linear')).toEqual({ macs: 843_101_040, params: 10_701_632 });
    expect(at224.costs(at224.codec.fromNative(SMALLEST), 'conv-linear')).toEqual({ macs: 193_078_200, params: 4_602_456 });
  });
});
