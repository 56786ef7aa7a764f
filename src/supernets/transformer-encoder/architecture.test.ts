import { describe, expect, it } from 'vitest';
import { attentionWidth, encoderLayerParams, HIDDEN_SIZE } from './architecture.js';

describe('encoder layer description', () => {
  it('makes the attention heads x 64 wide while the hidden size stays 768', () => {
    expect([6, 8, 10, 12].map((heads) => attentionWidth({ heads, ffn: 3072 }))).toEqual([384, 512, 640, 768]);
    expect(HIDDEN_SIZE).toBe(768);
  });

  it('counts 7,087,872 parameters in a full BERT-base / ViT-B layer', () => {
    // 4 x (768 x 768 + 768) attention, 768 x 3072 + 3072 and 3072 x 768 + 768 feed-forward, 2 x 1536 LayerNorm.
    expect(encoderLayerParams(768, { heads: 12, ffn: 3072 })).toBe(7_087_872);
    expect(encoderLayerParams(768, { heads: 6, ffn: 1024 })).toBe(3 * (768 * 384 + 384) + 384 * 768 + 768 + 768 * 1024 + 1024 + 1024 * 768 + 768 + 4 * 768);
  });
});
