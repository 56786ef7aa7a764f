import { describe, expect, it } from 'vitest';
import { isCarveError } from '../../core/errors.js';
import { createRng } from '../../core/rng.js';
import type { HatConfig } from './architecture.js';
import { HAT_RPI_6_9S as RPI_6_9S } from './fixtures.js';
import { createHatSpace } from './space.js';

const hatSpace = createHatSpace('hat-test', 'test');
const space = hatSpace.space;
const codec = hatSpace.codec;

function fieldOf(config: unknown): string | undefined {
  try {
    codec.fromNative(config);
  } catch (error) {
    if (isCarveError(error)) return error.field;
    throw error;
  }
  return undefined;
}

describe('HAT WMT14 En-De space', () => {
  it('counts 2 x 2 x 6^6 encoders times the sum over decoder depths L of 36^L', () => {
    // Per encoder layer 3 FFN x 2 heads; per decoder layer 3 FFN x 2 x 2 heads x 3 attention spans = 36.
    let decoders = 0n;
    for (let depth = 1n; depth <= 6n; depth += 1n) decoders += 36n ** depth;
    expect(space.cardinality()).toBe(4n * 6n ** 6n * decoders);
    expect(space.cardinality()).toBe(417_846_678_672_384n);
    expect(space.geneCount).toBe(2 + 12 + 1 + 24);
  });

  it('round-trips HAT configs and random genomes', () => {
    expect(codec.toNative(codec.fromNative(RPI_6_9S))).toEqual(RPI_6_9S);
    const rng = createRng(5);
    for (let trial = 0; trial < 50; trial += 1) {
      const genome = space.sample(rng);
      const config = codec.toNative(genome) as HatConfig;
      expect(config.decoder.decoder_ffn_embed_dim).toHaveLength(config.decoder.decoder_layer_num);
      expect(codec.fromNative(config)).toEqual(genome);
    }
  });

  it("accepts HAT's sampler lists of 6 entries and ignores entries past the decoder depth", () => {
    const sampled = {
      ...RPI_6_9S,
      decoder: { ...RPI_6_9S.decoder, decoder_arbitrary_ende_attn: [-1, 1, 1, 1, -1, 2], decoder_ffn_embed_dim: [2048, 2048, 3072, 3072, 2048, 99] },
    };
    expect(space.key(codec.fromNative(sampled))).toBe(space.key(codec.fromNative(RPI_6_9S)));
    const shallow = { ...RPI_6_9S, decoder: { ...RPI_6_9S.decoder, decoder_layer_num: 1 } };
    expect(codec.toNative(codec.fromNative(shallow))).toMatchObject({ decoder: { decoder_ffn_embed_dim: [2048], decoder_arbitrary_ende_attn: [-1] } });
  });

  it('names the bad field of a config', () => {
    expect(fieldOf(null)).toBe('config');
    expect(fieldOf({ ...RPI_6_9S, encoder: undefined })).toBe('config.encoder');
    expect(fieldOf({ ...RPI_6_9S, encoder: { ...RPI_6_9S.encoder, encoder_embed_dim: 768 } })).toBe('config.encoder.encoder_embed_dim');
    expect(fieldOf({ ...RPI_6_9S, encoder: { ...RPI_6_9S.encoder, encoder_layer_num: 5 } })).toBe('config.encoder.encoder_layer_num');
    expect(fieldOf({ ...RPI_6_9S, encoder: { ...RPI_6_9S.encoder, encoder_ffn_embed_dim: [3072] } })).toBe('config.encoder.encoder_ffn_embed_dim');
    expect(fieldOf({ ...RPI_6_9S, encoder: { ...RPI_6_9S.encoder, encoder_self_attention_heads: [8, 4, 8, 2, 8, 8] } })).toBe('config.encoder.encoder_self_attention_heads[3]');
    expect(fieldOf({ ...RPI_6_9S, decoder: { ...RPI_6_9S.decoder, decoder_layer_num: 7 } })).toBe('config.decoder.decoder_layer_num');
    expect(fieldOf({ ...RPI_6_9S, decoder: { ...RPI_6_9S.decoder, decoder_arbitrary_ende_attn: [-1, 1, 0, 1, -1] } })).toBe('config.decoder.decoder_arbitrary_ende_attn[2]');
    expect(fieldOf({ ...RPI_6_9S, decoder: { ...RPI_6_9S.decoder, decoder_ende_attention_heads: [4, 8] } })).toBe('config.decoder.decoder_ende_attention_heads');
  });
});
