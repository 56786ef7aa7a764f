// Exact analytic costs of an encoder stack, operation by operation as the PyTorch forward pass runs them.

import { CostTally } from '../cost-tally.js';
import { attentionWidth, HEAD_SIZE, type EncoderLayer, type EncoderSpec } from './architecture.js';

/**
 * One layer on `spec.tokens` tokens. Linear layers: q, k, v (hidden -> heads x 64), output projection, two
 * feed-forward linears. Products of two activations: scores q·kᵀ and context scores·v, each
 * heads x tokens x tokens x 64. Two LayerNorms over tokens x hidden. ViT's query scaling is one multiply per
 * query element; BERT's score division, the softmax, GELU and residual additions count nothing.
 */
export function addEncoderLayerCosts(tally: CostTally, spec: EncoderSpec, layer: EncoderLayer): void {
  const tokens = spec.tokens;
  const width = attentionWidth(layer);
  for (let projection = 0; projection < 3; projection += 1) tally.linear({ inFeatures: spec.hidden, outFeatures: width, rows: tokens });
  if (spec.scaling === 'scale-queries') tally.multiply(tokens * width);
  tally.matmul(layer.heads * tokens * tokens * HEAD_SIZE);
  tally.matmul(layer.heads * tokens * tokens * HEAD_SIZE);
  tally.linear({ inFeatures: width, outFeatures: spec.hidden, rows: tokens });
  tally.layerNorm(spec.hidden, tokens * spec.hidden);
  tally.linear({ inFeatures: spec.hidden, outFeatures: layer.ffn, rows: tokens });
  tally.linear({ inFeatures: layer.ffn, outFeatures: spec.hidden, rows: tokens });
  tally.layerNorm(spec.hidden, tokens * spec.hidden);
}

export function addEncoderCosts(tally: CostTally, spec: EncoderSpec): CostTally {
  for (const layer of spec.layers) addEncoderLayerCosts(tally, spec, layer);
  return tally;
}
