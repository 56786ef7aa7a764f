// The HAT SubTransformer space of WMT'14 En-De (space0): choices, fixed dimensions and the native config shape.
//
// HAT (Wang et al., ACL 2020) searches a post-norm fairseq Transformer whose SuperTransformer is 640-wide with
// 3072-wide FFNs, 6 encoder and 6 decoder layers. Attention projections are always 512 wide (qkv_dim), whatever
// the head count, so heads change only how the 512 channels are split. Encoder, decoder and output projection
// share one embedding table over the joined 32768-entry WMT'16 En-De dictionary; the encoder reads its first
// encoder_embed_dim columns and the decoder its first decoder_embed_dim columns.

export const HAT_ID = 'hat-wmt14-en-de';

export const HAT_EMBED_CHOICES = [640, 512] as const;
export const HAT_FFN_CHOICES = [3072, 2048, 1024] as const;
export const HAT_HEAD_CHOICES = [8, 4] as const;
export const HAT_DECODER_LAYER_CHOICES = [6, 5, 4, 3, 2, 1] as const;
/** -1: the last encoder layer; 1: the last two; 2: the last three (their outputs concatenated along time). */
export const HAT_ENDE_ATTN_CHOICES = [-1, 1, 2] as const;

export const HAT_ENCODER_LAYERS = 6;
export const HAT_MAX_DECODER_LAYERS = 6;
export const HAT_QKV_DIM = 512;
/** fairseq-preprocess --joined-dictionary --nwordssrc 32768 on the WMT'16 En-De BPE data. */
export const HAT_VOCAB_SIZE = 32768;
/** fairseq's dictionary puts <pad> at index 1; positions count from padding_idx + 1. */
export const HAT_PADDING_INDEX = 1;
export const HAT_LAYER_NORM_EPSILON = 1e-5;
/** HAT profiles WMT models on a 30-token source and a 30-token target ("the average length is 30"). */
export const HAT_DEFAULT_SOURCE_LENGTH = 30;
export const HAT_DEFAULT_TARGET_LENGTH = 30;
/** fairseq's generation default (--beam 5); HAT's latency scripts keep it. */
export const HAT_DEFAULT_BEAM = 5;

/** HAT's own config dict (utils.get_subtransformer_config); decoder lists hold one entry per decoder layer. */
export interface HatConfig {
  readonly encoder: {
    readonly encoder_embed_dim: number;
    readonly encoder_layer_num: number;
    readonly encoder_ffn_embed_dim: readonly number[];
    readonly encoder_self_attention_heads: readonly number[];
  };
  readonly decoder: {
    readonly decoder_embed_dim: number;
    readonly decoder_layer_num: number;
    readonly decoder_ffn_embed_dim: readonly number[];
    readonly decoder_self_attention_heads: readonly number[];
    readonly decoder_ende_attention_heads: readonly number[];
    readonly decoder_arbitrary_ende_attn: readonly number[];
  };
}

export interface HatEncoderLayer {
  readonly ffn: number;
  readonly heads: number;
}

export interface HatDecoderLayer {
  readonly ffn: number;
  readonly selfHeads: number;
  readonly endeHeads: number;
  /** How many of the last encoder layers the encoder-decoder attention reads (1, 2 or 3). */
  readonly encoderLayersAttended: number;
}

/** The sub-network as the model code walks it. */
export interface HatPlan {
  readonly encoderDim: number;
  readonly decoderDim: number;
  readonly encoderLayers: readonly HatEncoderLayer[];
  readonly decoderLayers: readonly HatDecoderLayer[];
  readonly qkvDim: number;
  readonly vocabSize: number;
}

export function hatPlan(config: HatConfig): HatPlan {
  const { encoder, decoder } = config;
  return {
    encoderDim: encoder.encoder_embed_dim,
    decoderDim: decoder.decoder_embed_dim,
    encoderLayers: encoder.encoder_ffn_embed_dim.map((ffn, layer) => ({ ffn, heads: encoder.encoder_self_attention_heads[layer] as number })),
    decoderLayers: decoder.decoder_ffn_embed_dim.slice(0, decoder.decoder_layer_num).map((ffn, layer) => ({
      ffn,
      selfHeads: decoder.decoder_self_attention_heads[layer] as number,
      endeHeads: decoder.decoder_ende_attention_heads[layer] as number,
      encoderLayersAttended: encoderLayersAttended(decoder.decoder_arbitrary_ende_attn[layer] as number),
    })),
    qkvDim: HAT_QKV_DIM,
    vocabSize: HAT_VOCAB_SIZE,
  };
}

/** HAT's arbitrary encoder-decoder attention code: -1 -> 1 layer, 1 -> 2 layers, 2 -> 3 layers. */
export function encoderLayersAttended(code: number): number {
  return code === -1 ? 1 : code + 1;
}

/** Most encoder layers any decoder layer of the plan reads. */
export function maxEncoderLayersAttended(plan: HatPlan): number {
  return plan.decoderLayers.reduce((max, layer) => Math.max(max, layer.encoderLayersAttended), 1);
}
