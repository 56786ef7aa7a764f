// Reference configs in HAT's own format, shared by the family's tests and docs examples.

import type { HatConfig } from './architecture.js';

const six = <T>(value: T): T[] => new Array<T>(6).fill(value);

/** HAT_wmt14ende_raspberrypi@6.9s_bleu@28.4 as published in HAT's configs/wmt14.en-de/subtransformer. */
export const HAT_RPI_6_9S: HatConfig = {
  encoder: {
    encoder_embed_dim: 512,
    encoder_layer_num: 6,
    encoder_ffn_embed_dim: [3072, 3072, 3072, 3072, 3072, 3072],
    encoder_self_attention_heads: [8, 4, 8, 8, 8, 8],
  },
  decoder: {
    decoder_embed_dim: 512,
    decoder_layer_num: 5,
    decoder_ffn_embed_dim: [2048, 2048, 3072, 3072, 2048],
    decoder_self_attention_heads: [8, 8, 8, 4, 8],
    decoder_ende_attention_heads: [4, 8, 8, 8, 8],
    decoder_arbitrary_ende_attn: [-1, 1, 1, 1, -1],
  },
};

/** The costliest sub-network: everything widest, 6 decoder layers each reading the last 3 encoder layers. */
export const HAT_LARGEST: HatConfig = {
  encoder: { encoder_embed_dim: 640, encoder_layer_num: 6, encoder_ffn_embed_dim: six(3072), encoder_self_attention_heads: six(8) },
  decoder: {
    decoder_embed_dim: 640,
    decoder_layer_num: 6,
    decoder_ffn_embed_dim: six(3072),
    decoder_self_attention_heads: six(8),
    decoder_ende_attention_heads: six(8),
    decoder_arbitrary_ende_attn: six(2),
  },
};

/** The cheapest: 512 wide, 1024-wide FFNs, one decoder layer reading the last encoder layer. */
export const HAT_SMALLEST: HatConfig = {
  encoder: { encoder_embed_dim: 512, encoder_layer_num: 6, encoder_ffn_embed_dim: six(1024), encoder_self_attention_heads: six(4) },
  decoder: {
    decoder_embed_dim: 512,
    decoder_layer_num: 1,
    decoder_ffn_embed_dim: [1024],
    decoder_self_attention_heads: [4],
    decoder_ende_attention_heads: [4],
    decoder_arbitrary_ende_attn: [-1],
  },
};
