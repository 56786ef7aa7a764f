// A resolved OFA mobile sub-network (stem, MBConv blocks, head) and its exact analytic costs.

import { CostTally } from '../cost-tally.js';
import { convOutputSize, makeDivisible, roundHalfEven } from './channels.js';

export type MobileActivation = 'relu' | 'relu6' | 'hswish';

/** One inverted-residual block as the extracted PyTorch sub-network has it. */
export interface MbConvBlock {
  readonly inChannels: number;
  /** Channels after the 1x1 expansion (equal to inChannels when there is no expansion). */
  readonly midChannels: number;
  readonly outChannels: number;
  readonly kernel: number;
  readonly stride: number;
  readonly activation: MobileActivation;
  /** Whether a 1x1 expansion conv exists (OFA drops it when the expand ratio is 1). */
  readonly expand: boolean;
  /** Squeeze-and-excitation channels (0 = no SE). */
  readonly seChannels: number;
  readonly residual: boolean;
}

export type MobileHead =
  /** MobileNetV3: 1x1 conv+BN+h-swish, global mean, 1x1 conv (no bias, no BN)+h-swish, linear. */
  | { readonly kind: 'mbv3'; readonly finalExpandChannels: number; readonly featureMixChannels: number; readonly classes: number }
  /** ProxylessNAS: 1x1 conv+BN+ReLU6, global mean, linear. */
  | { readonly kind: 'proxyless'; readonly featureMixChannels: number; readonly classes: number };

export interface MobilePlan {
  readonly resolution: number;
  readonly batchNormEpsilon: number;
  /** 3x3 stride-2 conv from RGB, BN, activation. */
  readonly stem: { readonly outChannels: number; readonly activation: MobileActivation };
  readonly blocks: readonly MbConvBlock[];
  readonly head: MobileHead;
}

/** OFA's SE width: a quarter of the channels (integer division), made divisible by 8. */
export function seChannelsFor(midChannels: number): number {
  return makeDivisible(Math.floor(midChannels / 4), 8);
}

/** OFA's expanded width for a block: make_divisible(round(in × expand), 8). */
export function midChannelsFor(inChannels: number, expandRatio: number): number {
  return makeDivisible(roundHalfEven(inChannels * expandRatio), 8);
}

function activationCost(tally: CostTally, activation: MobileActivation, elements: number): void {
  // OFA's h-swish is x * relu6(x + 3) / 6: one multiply per element; ReLU and ReLU6 cost nothing.
  if (activation === 'hswish') tally.multiply(elements);
}

/** Exact costs of one sample, following the extracted sub-network's forward pass layer by layer. */
export function mobilePlanCosts(plan: MobilePlan): CostTally {
  const tally = new CostTally();
  let size = convOutputSize(plan.resolution, 3, 2);
  const stemChannels = plan.stem.outChannels;
  tally.conv2d({ inChannels: 3, outChannels: stemChannels, kernel: 3, outHeight: size, outWidth: size });
  tally.batchNorm(stemChannels, stemChannels * size * size);
  activationCost(tally, plan.stem.activation, stemChannels * size * size);
  for (const block of plan.blocks) {
    const mid = block.midChannels;
    if (block.expand) {
      tally.conv2d({ inChannels: block.inChannels, outChannels: mid, kernel: 1, outHeight: size, outWidth: size });
      tally.batchNorm(mid, mid * size * size);
      activationCost(tally, block.activation, mid * size * size);
    }
    size = convOutputSize(size, block.kernel, block.stride);
    const area = size * size;
    tally.conv2d({ inChannels: mid, outChannels: mid, kernel: block.kernel, groups: mid, outHeight: size, outWidth: size });
    tally.batchNorm(mid, mid * area);
    activationCost(tally, block.activation, mid * area);
    if (block.seChannels > 0) {
      // x.mean(3, keepdim).mean(2, keepdim): two means; then reduce/expand 1x1 convs with bias, h-sigmoid, x * s.
      tally.pool(mid * size);
      tally.pool(mid);
      tally.conv2d({ inChannels: mid, outChannels: block.seChannels, kernel: 1, outHeight: 1, outWidth: 1, bias: true });
      tally.conv2d({ inChannels: block.seChannels, outChannels: mid, kernel: 1, outHeight: 1, outWidth: 1, bias: true });
      tally.multiply(mid * area);
    }
    tally.conv2d({ inChannels: mid, outChannels: block.outChannels, kernel: 1, outHeight: size, outWidth: size });
    tally.batchNorm(block.outChannels, block.outChannels * area);
  }
  const lastChannels = plan.blocks[plan.blocks.length - 1]?.outChannels ?? stemChannels;
  const head = plan.head;
  if (head.kind === 'mbv3') {
    const expand = head.finalExpandChannels;
    tally.conv2d({ inChannels: lastChannels, outChannels: expand, kernel: 1, outHeight: size, outWidth: size });
    tally.batchNorm(expand, expand * size * size);
    tally.multiply(expand * size * size);
    tally.pool(expand * size);
    tally.pool(expand);
    tally.conv2d({ inChannels: expand, outChannels: head.featureMixChannels, kernel: 1, outHeight: 1, outWidth: 1 });
    tally.multiply(head.featureMixChannels);
    tally.linear({ inFeatures: head.featureMixChannels, outFeatures: head.classes });
  } else {
    const mix = head.featureMixChannels;
    tally.conv2d({ inChannels: lastChannels, outChannels: mix, kernel: 1, outHeight: size, outWidth: size });
    tally.batchNorm(mix, mix * size * size);
    tally.pool(mix * size);
    tally.pool(mix);
    tally.linear({ inFeatures: mix, outFeatures: head.classes });
  }
  return tally;
}
