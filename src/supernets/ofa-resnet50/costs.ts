// Exact analytic costs of an OFA ResNet50 sub-network, following its PyTorch forward pass.

import { CostTally } from '../cost-tally.js';
import { convOutputSize } from '../ofa-common/channels.js';
import { resnetFeatureSizes, shortcutPoolSize, type ResNetPlan } from './architecture.js';

function convBn(tally: CostTally, inChannels: number, outChannels: number, kernel: number, size: number): void {
  tally.conv2d({ inChannels, outChannels, kernel, outHeight: size, outWidth: size });
  tally.batchNorm(outChannels, outChannels * size * size);
}

export function resnetPlanCosts(plan: ResNetPlan): CostTally {
  const tally = new CostTally();
  const sizes = resnetFeatureSizes(plan.resolution);
  const { midChannels, outChannels } = plan.stem;
  convBn(tally, 3, midChannels, 3, sizes.stem);
  if (plan.stem.residualConv) convBn(tally, midChannels, midChannels, 3, sizes.stem);
  convBn(tally, midChannels, outChannels, 3, sizes.stem);
  // Max pooling, ReLU and residual additions count nothing in either convention.
  let size = sizes.afterMaxPool;
  for (const block of plan.blocks) {
    convBn(tally, block.inChannels, block.midChannels, 1, size);
    const outSize = convOutputSize(size, 3, block.stride);
    convBn(tally, block.midChannels, block.midChannels, 3, outSize);
    convBn(tally, block.midChannels, block.outChannels, 1, outSize);
    if (block.downsample === 'avgpool-conv') {
      const pooled = shortcutPoolSize(size, block.stride);
      tally.pool(block.inChannels * pooled * pooled);
      convBn(tally, block.inChannels, block.outChannels, 1, pooled);
    }
    size = outSize;
  }
  const features = plan.blocks[plan.blocks.length - 1]?.outChannels ?? outChannels;
  // Global average pooling as x.mean(3).mean(2): two means.
  tally.pool(features * size);
  tally.pool(features);
  tally.linear({ inFeatures: features, outFeatures: plan.classes });
  return tally;
}
