import { describe, expect, it } from 'vitest';
import { fashionOfaPlan } from './architecture.js';
import { fashionOfaCosts } from './costs.js';

const SMALLEST = { ks: [3, 3, 3, 3, 3, 3, 3, 3, 3], e: [2, 2, 2, 2, 2, 2, 2, 2, 2], d: [1, 1, 1] };
const LARGEST = { ks: [5, 5, 5, 5, 5, 5, 5, 5, 5], e: [4, 4, 4, 4, 4, 4, 4, 4, 4], d: [3, 3, 3] };

describe('fashionOfaPlan', () => {
  it('runs the stem at 14x14 and the stages at 7x7, 7x7 and 4x4', () => {
    const plan = fashionOfaPlan(LARGEST);
    expect(plan.stemSize).toBe(14);
    expect(plan.blocks.map((block) => block.outSize)).toEqual([7, 7, 7, 7, 7, 7, 4, 4, 4]);
    expect(plan.blocks.map((block) => block.hiddenChannels)).toEqual([64, 96, 96, 96, 160, 160, 160, 256, 256]);
    expect(plan.blocks.map((block) => block.residual)).toEqual([false, true, true, false, true, true, false, true, true]);
    expect(plan.headSize).toBe(4);
  });
});

describe('fashionOfaCosts', () => {
  it('matches the hand count of the smallest sub-network', () => {
    // conv-linear: stem 16*9*196 = 28,224; block 0: expand 32*16*196 = 100,352, depthwise 32*9*49 = 14,112,
    // project 24*32*49 = 37,632; block 3: 56,448 + 21,168 + 94,080; block 6: 156,800 + 11,520 + 81,920;
    // head 192*64*16 = 196,608; classifier 1,920. Total 800,784.
    // Norm outputs: 3,136 + (6,272 + 1,568 + 1,176) + (2,352 + 2,352 + 1,960) + (3,920 + 1,280 + 1,024) + 3,072 = 28,112;
    // plus the mean over 192 channels: torchprofile 800,784 + 28,112 + 192 = 829,088.
    const tally = fashionOfaCosts(SMALLEST);
    expect(tally.macs('conv-linear')).toBe(800_784);
    expect(tally.macs('torchprofile')).toBe(829_088);
    // Weights 144 + 512 + 288 + 768 + 1,152 + 432 + 1,920 + 3,200 + 720 + 5,120 + 12,288 + 1,920, biases 10,
    // norm gamma and beta 2 * (16 + 32 + 32 + 24 + 48 + 48 + 40 + 80 + 80 + 64 + 192).
    expect(tally.params).toBe(29_786);
  });

  it('matches counts taken from the PyTorch forward pass for the largest and a mixed sub-network', () => {
    // Reference values: supernets/fashion-ofa/fashion_ofa.py forward_exported with conv2d, group_norm and linear
    // wrapped to add up output-element x kernel products and the sizes of the weights they were given.
    const largest = fashionOfaCosts(LARGEST);
    expect(largest.macs('conv-linear')).toBe(5_127_776);
    expect(largest.macs('torchprofile')).toBe(5_248_704);
    expect(largest.params).toBe(180_218);
    const mixed = fashionOfaCosts({ ks: [3, 5, 3, 5, 3, 5, 3, 5, 3], e: [2, 3, 4, 4, 3, 2, 2, 3, 4], d: [2, 3, 1] });
    expect(mixed.macs('conv-linear')).toBe(2_240_208);
    expect(mixed.macs('torchprofile')).toBe(2_304_968);
    expect(mixed.params).toBe(60_650);
  });
});
