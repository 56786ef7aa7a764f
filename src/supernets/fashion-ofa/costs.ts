// Exact MACs and parameters of a fashion-ofa sub-network for one 28x28 image.
//
// Group norm has one gamma and one beta per channel (parameters) and counts one operation per output element
// in the torchprofile convention, like the other normalisations; convolutions have no bias.

import { CostTally } from '../cost-tally.js';
import {
  FASHION_OFA_CLASSES,
  HEAD_CHANNELS,
  STAGES,
  STEM_CHANNELS,
  fashionOfaPlan,
  type FashionOfaConfig,
} from './architecture.js';

function groupNorm(tally: CostTally, channels: number, size: number): void {
  tally.layerNorm(channels, channels * size * size);
}

export function fashionOfaCosts(config: FashionOfaConfig): CostTally {
  const plan = fashionOfaPlan(config);
  const tally = new CostTally();
  tally.conv2d({ inChannels: 1, outChannels: STEM_CHANNELS, kernel: 3, outHeight: plan.stemSize, outWidth: plan.stemSize });
  groupNorm(tally, STEM_CHANNELS, plan.stemSize);
  for (const block of plan.blocks) {
    const hidden = block.hiddenChannels;
    tally.conv2d({ inChannels: block.inChannels, outChannels: hidden, kernel: 1, outHeight: block.inSize, outWidth: block.inSize });
    groupNorm(tally, hidden, block.inSize);
    tally.conv2d({ inChannels: hidden, outChannels: hidden, kernel: block.kernel, groups: hidden, outHeight: block.outSize, outWidth: block.outSize });
    groupNorm(tally, hidden, block.outSize);
    tally.conv2d({ inChannels: hidden, outChannels: block.outChannels, kernel: 1, outHeight: block.outSize, outWidth: block.outSize });
    groupNorm(tally, block.outChannels, block.outSize);
  }
  const lastChannels = (STAGES[STAGES.length - 1] as { outChannels: number }).outChannels;
  tally.conv2d({ inChannels: lastChannels, outChannels: HEAD_CHANNELS, kernel: 1, outHeight: plan.headSize, outWidth: plan.headSize });
  groupNorm(tally, HEAD_CHANNELS, plan.headSize);
  tally.pool(HEAD_CHANNELS);
  tally.linear({ inFeatures: HEAD_CHANNELS, outFeatures: FASHION_OFA_CLASSES });
  return tally;
}
