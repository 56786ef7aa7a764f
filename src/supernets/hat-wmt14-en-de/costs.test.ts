import { describe, expect, it } from 'vitest';
import { hatPlan, type HatConfig, type HatPlan } from './architecture.js';
import { hatCosts, hatModelSize } from './costs.js';
import { HAT_LARGEST as LARGEST, HAT_RPI_6_9S as RPI_6_9S, HAT_SMALLEST as SMALLEST } from './fixtures.js';

const six = <T>(value: T): T[] => new Array<T>(6).fill(value);

describe('HAT analytic costs', () => {
  it("counts the published RPi SubTransformer at HAT's 48M model size (embeddings excluded, as HAT prints it)", () => {
    // Per 512-wide encoder layer: in_proj 512·1536 + 1536, out_proj 512·512 + 512, two layer norms 2·1024,
    // FFN 512·3072 + 3072 + 3072·512 + 512 = 4,201,984. Decoder layers: self and cross attention 1,051,648
    // each (the cross in_proj keeps the 1536 bias), FFN 1025·F + 512, three layer norms; F = 2048, 2048, 3072,
    // 3072, 2048. Papers with Code lists 48M parameters for this 28.4-BLEU model.
    const encoder = 6 * 4_201_984;
    const decoder = [2048, 2048, 3072, 3072, 2048].reduce((sum, ffn) => sum + 2 * 1_051_648 + 1025 * ffn + 512 + 1024, 0);
    expect(hatModelSize(hatPlan(RPI_6_9S))).toBe(encoder + decoder);
    expect(encoder + decoder).toBe(48_331_264);
    // With the shared 32768 x 512 embedding table (the tied output projection adds nothing).
    expect(hatCosts(hatPlan(RPI_6_9S)).params).toBe(48_331_264 + 32768 * 512);
  });

  it('counts the largest and smallest sub-networks exactly in both conventions', () => {
    const largest = hatCosts(hatPlan(LARGEST));
    // Encoder rows 30: (640·1536 + 512·640 + 2·640·3072)·30·6; decoder: (640·1536 + 3·512·640 + 2·640·3072)·30
    // + 90 keys · 640·1024 per layer; output 30·640·32768.
    const largestLinear = 5_242_880 * 30 * 6 + (5_898_240 * 30 + 90 * 640 * 1024) * 6 + 30 * 640 * 32768;
    expect(largest.breakdown()).toEqual({
      convMacs: 0,
      linearMacs: largestLinear,
      matmulMacs: 6 * 2 * 30 * 30 * 512 + 6 * (2 * 30 * 30 * 512 + 2 * 30 * 90 * 512),
      normElements: 6 * 2 * 30 * 640 + 6 * 3 * 30 * 640,
      mulElements: 2 * (30 * 640 + 30) + 6 * 30 * 512 + 6 * 2 * 30 * 512,
      poolElements: 0,
    });
    expect(largest.macs('conv-linear')).toBe(2_988_441_600);
    expect(largest.macs('torchprofile')).toBe(3_016_980_540);
    expect(largest.params).toBe(70_900_992 + 32768 * 640);
    expect(hatModelSize(hatPlan(LARGEST))).toBe(6 * 5_251_328 + 6 * 6_565_504);

    const smallest = hatCosts(hatPlan(SMALLEST));
    expect(smallest.macs('conv-linear')).toBe(2_097_152 * 30 * 6 + 2_621_440 * 30 + 30 * 512 * 1024 + 30 * 512 * 32768);
    expect(smallest.macs('conv-linear')).toBe(975_175_680);
    expect(smallest.macs('torchprofile')).toBe(982_932_540);
    expect(smallest.params).toBe(6 * 2_102_784 + 3_154_432 + 32768 * 512);
  });

  it('reproduces the 13G count the HAT paper gives for Transformer-Big on a 30-token sentence (2 x MACs)', () => {
    // The paper's introduction: Transformer-Big "needs to execute 13G" operations for a 30-word sentence. HAT's
    // train.py prints 2 x torchprofile MACs as FLOPs; the same pass in the same code path, 1024 wide with
    // 4096-wide FFNs and a 1024 qkv, gives 6.33G MACs.
    const big: HatPlan = {
      encoderDim: 1024,
      decoderDim: 1024,
      qkvDim: 1024,
      vocabSize: 32768,
      encoderLayers: six({ ffn: 4096, heads: 16 }),
      decoderLayers: six({ ffn: 4096, selfHeads: 16, endeHeads: 16, encoderLayersAttended: 1 }),
    };
    const tally = hatCosts(big);
    expect(Math.round((2 * tally.macs('torchprofile')) / 1e9)).toBe(13);
    expect(tally.macs('torchprofile')).toBe(6_326_169_660);
  });

  it('ignores head counts (qkv stays 512) and grows with the encoder layers a decoder layer attends to', () => {
    const fewerHeads: HatConfig = { ...LARGEST, encoder: { ...LARGEST.encoder, encoder_self_attention_heads: six(4) } };
    expect(hatCosts(hatPlan(fewerHeads)).result()).toEqual(hatCosts(hatPlan(LARGEST)).result());
    const lastOnly: HatConfig = { ...LARGEST, decoder: { ...LARGEST.decoder, decoder_arbitrary_ende_attn: six(-1) } };
    const saved = hatCosts(hatPlan(LARGEST)).breakdown().linearMacs - hatCosts(hatPlan(lastOnly)).breakdown().linearMacs;
    expect(saved).toBe(6 * 60 * 640 * 1024);
    expect(hatCosts(hatPlan(lastOnly)).params).toBe(hatCosts(hatPlan(LARGEST)).params);
  });

  it('scales with the sentence lengths', () => {
    const plan = hatPlan(SMALLEST);
    const short = hatCosts(plan, { sourceLength: 10, targetLength: 20 }).breakdown();
    expect(short.linearMacs).toBe(2_097_152 * 10 * 6 + 2_621_440 * 20 + 10 * 512 * 1024 + 20 * 512 * 32768);
    expect(short.matmulMacs).toBe(6 * 2 * 10 * 10 * 512 + 2 * 20 * 20 * 512 + 2 * 20 * 10 * 512);
  });
});
