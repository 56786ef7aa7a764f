// BERT-base (Hugging Face BertModel, with pooler) with elastic depth, heads and feed-forward width per layer.

import { HIDDEN_SIZE, type EncoderSpec } from '../transformer-encoder/architecture.js';
import { encoderLayersOf, type ElasticEncoderConfig } from '../transformer-encoder/elastic-space.js';

export const BERT_VOCAB_SIZE = 30522;
export const BERT_MAX_POSITIONS = 512;
export const BERT_TYPE_VOCAB_SIZE = 2;
/** Tokens per sample: the graph takes [batch, 128] token ids. */
export const BERT_SEQUENCE_LENGTH = 128;
export const BERT_MIN_LAYERS = 6;
export const BERT_LAYER_NORM_EPSILON = 1e-12;

export interface BertPlan {
  readonly encoder: EncoderSpec;
  readonly vocabSize: number;
  readonly maxPositions: number;
  readonly typeVocabSize: number;
}

export function bertPlan(config: ElasticEncoderConfig): BertPlan {
  return {
    encoder: {
      tokens: BERT_SEQUENCE_LENGTH,
      hidden: HIDDEN_SIZE,
      layers: encoderLayersOf(config),
      norm: 'post',
      scaling: 'divide-scores',
      fusedQkv: false,
      additiveMask: true,
      layerNormEpsilon: BERT_LAYER_NORM_EPSILON,
    },
    vocabSize: BERT_VOCAB_SIZE,
    maxPositions: BERT_MAX_POSITIONS,
    typeVocabSize: BERT_TYPE_VOCAB_SIZE,
  };
}
