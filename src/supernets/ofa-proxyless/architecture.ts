// OFA ProxylessNAS (ofa_proxyless_d234_e346_k357_w1.3): ReLU6 everywhere, no SE, a single-block last stage.

import { makeDivisible } from '../ofa-common/channels.js';
import { midChannelsFor, type MbConvBlock, type MobilePlan } from '../ofa-common/mobile-plan.js';
import type { OfaMobileConfig } from '../ofa-common/mobile-space.js';

/** First conv, first block, six stages (five elastic, one of a single block), feature mix layer. */
export const PROXYLESS_BASE_WIDTHS = [32, 16, 24, 40, 80, 96, 192, 320, 1280] as const;
export const PROXYLESS_STAGE_STRIDES = [2, 2, 2, 1, 2, 1] as const;
export const PROXYLESS_MAX_DEPTH = 4;
/** OFA builds this family with bn_param (0.1, 1e-3). */
export const PROXYLESS_BN_EPSILON = 1e-3;

export interface ProxylessWidths {
  readonly stem: number;
  readonly firstBlock: number;
  /** Six stages: five elastic, then the single-block stage. */
  readonly stages: readonly number[];
  readonly featureMix: number;
}

export function proxylessWidths(widthMultiplier: number): ProxylessWidths {
  const scaled = PROXYLESS_BASE_WIDTHS.map((width) => makeDivisible(width * widthMultiplier, 8));
  return { stem: scaled[0] as number, firstBlock: scaled[1] as number, stages: scaled.slice(2, 8), featureMix: scaled[8] as number };
}

export function proxylessPlan(config: OfaMobileConfig, widthMultiplier: number): MobilePlan {
  const widths = proxylessWidths(widthMultiplier);
  // The first block is fixed (3x3 depthwise, no expansion) and OFA gives it no shortcut even if widths match.
  const blocks: MbConvBlock[] = [
    {
      inChannels: widths.stem,
      midChannels: widths.stem,
      outChannels: widths.firstBlock,
      kernel: 3,
      stride: 1,
      activation: 'relu6',
      expand: false,
      seChannels: 0,
      residual: false,
    },
  ];
  let channels = widths.firstBlock;
  widths.stages.forEach((outChannels, stage) => {
    const depth = config.d[stage] as number;
    for (let slot = 0; slot < depth; slot += 1) {
      const block = stage * PROXYLESS_MAX_DEPTH + slot;
      const stride = slot === 0 ? (PROXYLESS_STAGE_STRIDES[stage] as number) : 1;
      blocks.push({
        inChannels: channels,
        midChannels: midChannelsFor(channels, config.e[block] as number),
        outChannels,
        kernel: config.ks[block] as number,
        stride,
        activation: 'relu6',
        expand: true,
        seChannels: 0,
        residual: stride === 1 && channels === outChannels,
      });
      channels = outChannels;
    }
  });
  return {
    resolution: config.r,
    batchNormEpsilon: PROXYLESS_BN_EPSILON,
    stem: { outChannels: widths.stem, activation: 'relu6' },
    blocks,
    head: { kind: 'proxyless', featureMixChannels: widths.featureMix, classes: 1000 },
  };
}
