// Exact analytic costs of a HAT SubTransformer: one teacher-forced forward pass over a source and a target
// sentence of given lengths, the pass HAT's train.py --profile-flops hands to torchprofile.
//
// Conventions (docs/supernets.md): linear layers count rows x in x out (biases not counted); products of two
// activations (attention scores and context) are `matmulMacs`; torchprofile also counts one per output element
// of each layer norm and each multiply: the embedding scale, the query scaling and the integer multiply of
// fairseq's make_positions (mask x cumsum), once per sentence side. Softmax, sums, divisions and additions count 0.

import { CostTally } from '../cost-tally.js';
import { HAT_DEFAULT_SOURCE_LENGTH, HAT_DEFAULT_TARGET_LENGTH, type HatPlan } from './architecture.js';

export interface HatLengths {
  readonly sourceLength: number;
  readonly targetLength: number;
}

export const HAT_DEFAULT_LENGTHS: HatLengths = { sourceLength: HAT_DEFAULT_SOURCE_LENGTH, targetLength: HAT_DEFAULT_TARGET_LENGTH };

/** Token embedding of one sentence side: scale multiply and make_positions' multiply (no parameters here). */
function embedTokens(tally: CostTally, tokens: number, dim: number): void {
  tally.multiply(tokens * dim);
  tally.multiply(tokens);
}

/** Attention core for `queries` x `keys` at qkv width: query scaling, scores, context (projections apart). */
function attentionCore(tally: CostTally, queries: number, keys: number, qkvDim: number): void {
  tally.multiply(queries * qkvDim);
  tally.matmul(queries * keys * qkvDim);
  tally.matmul(queries * keys * qkvDim);
}

function addNorm(tally: CostTally, rows: number, dim: number): void {
  tally.layerNorm(dim, rows * dim);
}

function feedForward(tally: CostTally, rows: number, dim: number, ffn: number): void {
  tally.linear({ inFeatures: dim, outFeatures: ffn, rows });
  tally.linear({ inFeatures: ffn, outFeatures: dim, rows });
  addNorm(tally, rows, dim);
}

export function hatCosts(plan: HatPlan, lengths: HatLengths = HAT_DEFAULT_LENGTHS): CostTally {
  const tally = new CostTally();
  const { sourceLength: s, targetLength: t } = lengths;
  const { encoderDim: e, decoderDim: d, qkvDim: q } = plan;
  // One shared table: the encoder reads columns [0, e), the decoder [0, d), the output projection is tied.
  tally.addParams(plan.vocabSize * Math.max(e, d));

  embedTokens(tally, s, e);
  for (const layer of plan.encoderLayers) {
    // in_proj packs q, k and v: a 3·qkv x e weight and a 3·qkv bias.
    tally.linear({ inFeatures: e, outFeatures: 3 * q, rows: s });
    attentionCore(tally, s, s, q);
    tally.linear({ inFeatures: q, outFeatures: e, rows: s });
    addNorm(tally, s, e);
    feedForward(tally, s, e, layer.ffn);
  }

  embedTokens(tally, t, d);
  for (const layer of plan.decoderLayers) {
    tally.linear({ inFeatures: d, outFeatures: 3 * q, rows: t });
    attentionCore(tally, t, t, q);
    tally.linear({ inFeatures: q, outFeatures: d, rows: t });
    addNorm(tally, t, d);
    // Encoder-decoder attention: q from the decoder (d wide), k and v from the concatenated encoder outputs
    // (e wide); its in_proj bias keeps all 3·qkv entries as in the self-attention.
    const keys = layer.encoderLayersAttended * s;
    tally.linear({ inFeatures: d, outFeatures: q, rows: t, bias: false });
    tally.linear({ inFeatures: e, outFeatures: 2 * q, rows: keys, bias: false });
    tally.addParams(3 * q);
    attentionCore(tally, t, keys, q);
    tally.linear({ inFeatures: q, outFeatures: d, rows: t });
    addNorm(tally, t, d);
    feedForward(tally, t, d, layer.ffn);
  }
  // Output projection onto the vocabulary with the (tied) embedding table, no bias.
  tally.linear({ inFeatures: d, outFeatures: plan.vocabSize, rows: t, bias: false });
  tally.addParams(-d * plan.vocabSize);
  return tally;
}

/** Parameters without the embedding table: what HAT prints as the SubTransformer "model size". */
export function hatModelSize(plan: HatPlan): number {
  return hatCosts(plan).params - plan.vocabSize * Math.max(plan.encoderDim, plan.decoderDim);
}
