// OFA MobileNetV3 (ofa_mbv3_d234_e346_k357_w*): stage widths, strides, activations, SE placement, head.

import { makeDivisible } from '../ofa-common/channels.js';
import { midChannelsFor, seChannelsFor, type MbConvBlock, type MobileActivation, type MobilePlan } from '../ofa-common/mobile-plan.js';
import type { OfaMobileConfig } from '../ofa-common/mobile-space.js';

/** First conv, first block, five elastic stages, final expand layer, feature mix layer (before width scaling). */
export const MBV3_BASE_WIDTHS = [16, 16, 24, 40, 80, 112, 160, 960, 1280] as const;
export const MBV3_STAGE_STRIDES = [2, 2, 2, 1, 2] as const;
export const MBV3_STAGE_ACTIVATIONS: readonly MobileActivation[] = ['relu', 'relu', 'hswish', 'hswish', 'hswish'];
export const MBV3_STAGE_SE = [false, true, false, true, true] as const;
export const MBV3_MAX_DEPTH = 4;
export const MBV3_BN_EPSILON = 1e-5;
export const IMAGENET_CLASSES = 1000;

export interface Mbv3Widths {
  readonly stem: number;
  readonly firstBlock: number;
  readonly stages: readonly number[];
  readonly finalExpand: number;
  readonly featureMix: number;
}

export function mbv3Widths(widthMultiplier: number): Mbv3Widths {
  const scaled = MBV3_BASE_WIDTHS.map((width) => makeDivisible(width * widthMultiplier, 8));
  return {
    stem: scaled[0] as number,
    firstBlock: scaled[1] as number,
    stages: scaled.slice(2, 7),
    finalExpand: scaled[7] as number,
    featureMix: scaled[8] as number,
  };
}

export function mbv3Plan(config: OfaMobileConfig, widthMultiplier: number): MobilePlan {
  const widths = mbv3Widths(widthMultiplier);
  // The first block is fixed: 3x3 depthwise + 1x1 projection, no expansion, ReLU, identity shortcut when widths match.
  const blocks: MbConvBlock[] = [
    {
      inChannels: widths.stem,
      midChannels: widths.stem,
      outChannels: widths.firstBlock,
      kernel: 3,
      stride: 1,
      activation: 'relu',
      expand: false,
      seChannels: 0,
      residual: widths.stem === widths.firstBlock,
    },
  ];
  let channels = widths.firstBlock;
  widths.stages.forEach((outChannels, stage) => {
    const depth = config.d[stage] as number;
    for (let slot = 0; slot < depth; slot += 1) {
      const block = stage * MBV3_MAX_DEPTH + slot;
      const stride = slot === 0 ? (MBV3_STAGE_STRIDES[stage] as number) : 1;
      const mid = midChannelsFor(channels, config.e[block] as number);
      blocks.push({
        inChannels: channels,
        midChannels: mid,
        outChannels,
        kernel: config.ks[block] as number,
        stride,
        activation: MBV3_STAGE_ACTIVATIONS[stage] as MobileActivation,
        expand: true,
        seChannels: MBV3_STAGE_SE[stage] === true ? seChannelsFor(mid) : 0,
        residual: stride === 1 && channels === outChannels,
      });
      channels = outChannels;
    }
  });
  return {
    resolution: config.r,
    batchNormEpsilon: MBV3_BN_EPSILON,
    stem: { outChannels: widths.stem, activation: 'hswish' },
    blocks,
    head: { kind: 'mbv3', finalExpandChannels: widths.finalExpand, featureMixChannels: widths.featureMix, classes: IMAGENET_CLASSES },
  };
}
