// The encoder layers of an elastic Transformer (BERT-base, ViT-B/16 as in InstaTune): hidden size 768, elastic
// attention heads (64 wide each) and elastic feed-forward width per layer, elastic depth.

export const HIDDEN_SIZE = 768;
/** Width of one attention head: a layer with h heads projects the 768 hidden features to h x 64. */
export const HEAD_SIZE = 64;
export const HEAD_CHOICES = [6, 8, 10, 12] as const;
export const FFN_CHOICES = [1024, 2048, 3072] as const;
export const MAX_LAYERS = 12;

export interface EncoderLayer {
  readonly heads: number;
  /** Inner width of the feed-forward block (intermediate_size). */
  readonly ffn: number;
}

/** BERT normalises after each residual addition (post-LN); ViT normalises the input of each sub-layer (pre-LN). */
export type NormPlacement = 'post' | 'pre';

/**
 * How scores are scaled by 1/sqrt(64): HF BERT divides the scores (`aten::div`, which torchprofile counts 0);
 * timm's ViT multiplies the queries (`q * scale`, an `aten::mul` torchprofile counts per query element).
 */
export type AttentionScaling = 'divide-scores' | 'scale-queries';

export interface EncoderSpec {
  /** Tokens per sample: 128 for BERT, 197 (196 patches + class token) for ViT-B/16 at 224. */
  readonly tokens: number;
  readonly hidden: number;
  readonly layers: readonly EncoderLayer[];
  readonly norm: NormPlacement;
  readonly scaling: AttentionScaling;
  /** One [hidden, 3 x width] projection for q, k, v (timm) rather than three (HF BERT); same costs. */
  readonly fusedQkv: boolean;
  /** An additive attention mask is added to the scores of every layer (HF BERT). */
  readonly additiveMask: boolean;
  readonly layerNormEpsilon: number;
}

/** Width of a layer's attention (q, k, v and the output projection's input): heads x 64. */
export function attentionWidth(layer: EncoderLayer): number {
  return layer.heads * HEAD_SIZE;
}

/** Parameters of one encoder layer: q, k, v, output projection, two feed-forward linears (all with bias), two LayerNorms. */
export function encoderLayerParams(hidden: number, layer: EncoderLayer): number {
  const width = attentionWidth(layer);
  return 3 * (hidden * width + width) + (width * hidden + hidden) + (hidden * layer.ffn + layer.ffn) + (layer.ffn * hidden + hidden) + 2 * 2 * hidden;
}
