import { describe, expect, it } from 'vitest';
import { isCarveError } from '../../core/errors.js';
import { createRng } from '../../core/rng.js';
import { compareGraphWithCosts } from '../testing/graph-check.js';
import { resnetWidthTable, type OfaResNetConfig } from './architecture.js';
import { createOfaResNet50 } from './supernet.js';

const LARGEST = { d: [2, 2, 2, 2, 2], e: new Array(18).fill(0.35), w: [2, 2, 2, 2, 2, 2], r: 224 };
const SMALLEST = { d: [0, 0, 0, 0, 0], e: new Array(18).fill(0.2), w: [0, 0, 0, 0, 0, 0], r: 224 };
/** Stage depths 3, 4, 6, 3 with expand 0.25 and full width: exactly ResNet-50-D. */
const RESNET50D = { d: [2, 1, 2, 2, 1], e: new Array(18).fill(0.25), w: [2, 2, 2, 2, 2, 2], r: 224 };

describe('OFA ResNet50', () => {
  const supernet = createOfaResNet50();

  it('builds the channel options of OFA with make_divisible(8)', () => {
    expect(resnetWidthTable()).toEqual({
      stemOut: [40, 48, 64],
      stemMid: [24, 24, 32],
      stages: [
        [168, 208, 256],
        [336, 408, 512],
        [664, 816, 1024],
        [1328, 1640, 2048],
      ],
    });
  });

  it('counts 2 stems x 3^6 widths x 13 x 3^b per stage (b = 2, 2, 4, 2 base blocks)', () => {
    expect(supernet.space.cardinality()).toBe(2n * 729n * 13n ** 4n * 3n ** 10n);
  });

  it('reproduces ResNet-50-D: published ResNet-50 totals plus the deep stem', () => {
    // torchvision's ResNet-50 (v1.5, the same bottlenecks) has 25,557,032 parameters and 4.09 GFLOPs (MACs) at
    // 224 (pytorch.org/vision model table); fvcore's exact conv+linear count is 4,089,184,256. ResNet-50-D
    // (He et al., "Bag of Tricks", 2019) replaces the 7x7 stem (9,408 weights + 128 BN, 118,013,952 MACs) with
    // 3x3 convs 3-32-32-64 (28,512 weights + 256 BN, 357,654,528 MACs); its average-pool shortcuts keep the
    // MACs of strided 1x1 convs. timm lists resnet50d at 25.58M parameters and 4.35 GMACs.
    const costs = supernet.costs(supernet.codec.fromNative(RESNET50D), 'conv-linear');
    expect(costs.params).toBe(25_557_032 - 9_408 - 128 + 28_512 + 256);
    expect(costs.macs).toBe(4_089_184_256 - 118_013_952 + 357_654_528);
    const plan = supernet.plan(supernet.codec.fromNative(RESNET50D));
    expect(plan.blocks.map((block) => block.midChannels)).toEqual([...new Array(3).fill(64), ...new Array(4).fill(128), ...new Array(6).fill(256), ...new Array(3).fill(512)]);
    const torchprofile = supernet.costs(supernet.codec.fromNative(RESNET50D), 'torchprofile').macs;
    expect(torchprofile / 1e9).toBeCloseTo(4.35, 1);
  });

  it('brackets the specialized sub-networks OFA publishes (0.6-4.1B MACs, 9.6-30.9M params)', () => {
    // mit-han-lab/once-for-all README, "ResNet50 Design Space" rows.
    const largest = supernet.costs(supernet.codec.fromNative(LARGEST), 'conv-linear');
    const smallest = supernet.costs(supernet.codec.fromNative(SMALLEST), 'conv-linear');
    expect(largest).toEqual({ macs: 7_491_643_904, params: 48_105_992 });
    expect(smallest).toEqual({ macs: 962_192_128, params: 6_539_280 });
    expect(largest.params).toBeGreaterThan(30.9e6);
    expect(smallest.params).toBeLessThan(9.6e6);
    const elastic = createOfaResNet50({ resolution: 'elastic' });
    expect(elastic.costs(elastic.codec.fromNative({ ...SMALLEST, r: 160 }), 'conv-linear').macs).toBeLessThan(0.6e9);
  });

  it('skips the stem residual conv for d[0] = 0 and drops blocks beyond the stage depth', () => {
    const plan = supernet.plan(supernet.codec.fromNative(SMALLEST));
    expect(plan.stem).toEqual({ midChannels: 24, outChannels: 40, residualConv: false });
    expect(plan.blocks).toHaveLength(10);
    expect(plan.blocks.filter((block) => block.downsample === 'avgpool-conv').map((block) => block.stride)).toEqual([1, 2, 2, 2]);
    expect(plan.blocks[0]).toEqual({ inChannels: 40, midChannels: 32, outChannels: 168, stride: 1, downsample: 'avgpool-conv' });
  });

  it('converts native configs both ways; inactive expand entries are ignored', () => {
    const rng = createRng(8);
    for (let trial = 0; trial < 30; trial += 1) {
      const genome = supernet.space.sample(rng);
      const config = supernet.codec.toNative(genome) as OfaResNetConfig;
      expect(config.e).toHaveLength(18);
      expect(supernet.codec.fromNative(config)).toEqual(genome);
    }
    const junk = { ...SMALLEST, e: SMALLEST.e.map((value, block) => ([2, 3, 6, 7, 12, 13, 16, 17].includes(block) ? 9 : value)) };
    expect(supernet.space.key(supernet.codec.fromNative(junk))).toBe(supernet.space.key(supernet.codec.fromNative(SMALLEST)));
  });

  it('names the bad field of a native config', () => {
    const fieldOf = (config: unknown): string | undefined => {
      try {
        supernet.codec.fromNative(config);
      } catch (error) {
        if (isCarveError(error)) return error.field;
        throw error;
      }
      return undefined;
    };
    expect(fieldOf({ ...LARGEST, d: [1, 2, 2, 2, 2] })).toBe('config.d[0]');
    expect(fieldOf({ ...LARGEST, w: [2, 2, 2, 3, 2, 2] })).toBe('config.w[3]');
    expect(fieldOf({ ...LARGEST, e: [...LARGEST.e.slice(0, 5), 0.3, ...LARGEST.e.slice(6)] })).toBe('config.e[5]');
    expect(fieldOf({ ...LARGEST, e: LARGEST.e.slice(1) })).toBe('config.e');
  });

  it('builds ONNX graphs that count exactly like the analytic costs', () => {
    const elastic = createOfaResNet50({ resolution: 'elastic' });
    const rng = createRng(17);
    for (let trial = 0; trial < 2; trial += 1) {
      const comparison = compareGraphWithCosts(elastic, elastic.space.sample(rng), 1);
      expect(comparison.graph).toEqual(comparison.analytic);
    }
    // An odd feature map (132 -> 66 -> 33 -> 17 -> 9 -> 5) exercises the ceil-mode shortcut pools.
    const odd = compareGraphWithCosts(elastic, elastic.codec.fromNative({ ...SMALLEST, r: 132 }), 1);
    expect(odd.graph).toEqual(odd.analytic);
  });
});

describe('OFA ResNet50 in onnxruntime', () => {
  it('runs a sub-network whose feature maps have odd sizes (ceil-mode shortcut pools agree with the convs)', async () => {
    const { InferenceSession, Tensor } = await import('onnxruntime-node');
    const elastic = createOfaResNet50({ resolution: 'elastic' });
    const bytes = elastic.buildOnnx(elastic.codec.fromNative({ ...SMALLEST, r: 132 }), { batchSize: 1 });
    const session = await InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
    try {
      const outputs = await session.run({ input: new Tensor('float32', new Float32Array(3 * 132 * 132).fill(0.5), [1, 3, 132, 132]) });
      const logits = outputs[session.outputNames[0] as string];
      expect(logits?.dims).toEqual([1, 1000]);
      expect(Array.from(logits?.data as Float32Array).every(Number.isFinite)).toBe(true);
    } finally {
      await session.release();
    }
  });
});
