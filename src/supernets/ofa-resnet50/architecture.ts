// OFA ResNet50 (ofa_resnet50): a ResNet-50-D with elastic depth, bottleneck expand ratio and width per stage.

import { convOutputSize, makeDivisible, roundHalfEven } from '../ofa-common/channels.js';

export const RESNET_WIDTH_MULTIPLIERS = [0.65, 0.8, 1.0] as const;
export const RESNET_EXPAND_RATIOS = [0.2, 0.25, 0.35] as const;
export const RESNET_DEPTH_CHOICES = [0, 1, 2] as const;
/** Blocks every stage always has; the elastic depth adds 0-2 more. */
export const RESNET_BASE_DEPTHS = [2, 2, 4, 2] as const;
export const RESNET_STAGE_WIDTHS = [256, 512, 1024, 2048] as const;
export const RESNET_STAGE_STRIDES = [1, 2, 2, 2] as const;
export const RESNET_BN_EPSILON = 1e-5;
export const RESNET_MAX_EXTRA_DEPTH = 2;

/** OFA's native ResNet config: d[0] keeps (2) or skips (0) the stem's residual conv, d[1..4] add blocks per stage. */
export interface OfaResNetConfig {
  readonly d: number[];
  /** Bottleneck expand ratio of each of the 18 blocks (4 + 4 + 6 + 4), active or not. */
  readonly e: number[];
  /** Width-multiplier index: [stem conv 1-2, stem conv 3, stage 1, stage 2, stage 3, stage 4]. */
  readonly w: number[];
  readonly r: number;
}

export interface BottleneckBlock {
  readonly inChannels: number;
  readonly midChannels: number;
  readonly outChannels: number;
  readonly stride: number;
  /** Identity when shape is kept; else average pool (kernel = stride, ceil mode) then 1x1 conv and BN. */
  readonly downsample: 'identity' | 'avgpool-conv';
}

export interface ResNetPlan {
  readonly resolution: number;
  readonly batchNormEpsilon: number;
  /** 3x3 stride-2 conv to stemMid, optional residual 3x3 conv, 3x3 conv to stemOut, then 3x3 stride-2 max pool. */
  readonly stem: { readonly midChannels: number; readonly outChannels: number; readonly residualConv: boolean };
  readonly blocks: readonly BottleneckBlock[];
  readonly classes: number;
}

/** Channel options per width index, as OFA builds them. */
export function resnetWidthTable(): { stemMid: number[]; stemOut: number[]; stages: number[][] } {
  const stemOut = RESNET_WIDTH_MULTIPLIERS.map((multiplier) => makeDivisible(64 * multiplier, 8));
  return {
    stemOut,
    stemMid: stemOut.map((channels) => makeDivisible(Math.floor(channels / 2), 8)),
    stages: RESNET_STAGE_WIDTHS.map((width) => RESNET_WIDTH_MULTIPLIERS.map((multiplier) => makeDivisible(width * multiplier, 8))),
  };
}

const WIDTHS = resnetWidthTable();

/** Index of the first block of each stage in the 18-entry expand list. */
export const RESNET_STAGE_OFFSETS: readonly number[] = RESNET_BASE_DEPTHS.map((_, stage) =>
  RESNET_BASE_DEPTHS.slice(0, stage).reduce((sum, base) => sum + base + RESNET_MAX_EXTRA_DEPTH, 0),
);

export function resnetPlan(config: OfaResNetConfig): ResNetPlan {
  const stemMid = WIDTHS.stemMid[config.w[0] as number] as number;
  const stemOut = WIDTHS.stemOut[config.w[1] as number] as number;
  const blocks: BottleneckBlock[] = [];
  let channels = stemOut;
  RESNET_BASE_DEPTHS.forEach((base, stage) => {
    const outChannels = (WIDTHS.stages[stage] as number[])[config.w[stage + 2] as number] as number;
    const depth = base + (config.d[stage + 1] as number);
    for (let slot = 0; slot < depth; slot += 1) {
      const expand = config.e[(RESNET_STAGE_OFFSETS[stage] as number) + slot] as number;
      const stride = slot === 0 ? (RESNET_STAGE_STRIDES[stage] as number) : 1;
      blocks.push({
        inChannels: channels,
        midChannels: makeDivisible(roundHalfEven(outChannels * expand), 8),
        outChannels,
        stride,
        // The super-network decides at construction, from its channel lists: only a stage's first block downsamples.
        downsample: slot === 0 ? 'avgpool-conv' : 'identity',
      });
      channels = outChannels;
    }
  });
  return {
    resolution: config.r,
    batchNormEpsilon: RESNET_BN_EPSILON,
    stem: { midChannels: stemMid, outChannels: stemOut, residualConv: config.d[0] === 2 },
    blocks,
    classes: 1000,
  };
}

/** Output size of the ceil-mode average pool of a downsampling shortcut (kernel = stride, no padding). */
export function shortcutPoolSize(size: number, stride: number): number {
  return stride === 1 ? size : Math.ceil((size - stride) / stride) + 1;
}

export function resnetFeatureSizes(resolution: number): { stem: number; afterMaxPool: number } {
  const stem = convOutputSize(resolution, 3, 2);
  return { stem, afterMaxPool: convOutputSize(stem, 3, 2) };
}
