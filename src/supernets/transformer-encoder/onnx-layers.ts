// ONNX emitters of encoder layers: linear layers on token sequences, LayerNorm, multi-head self-attention with
// elastic heads, the GELU feed-forward block and whole post-LN (BERT) or pre-LN (ViT) layers.

import type { Rng } from '../../core/rng.js';
import type { GraphBuilder } from '../../onnx/graph-builder.js';
import { jitteredValues, uniformWeights } from '../../onnx/weights.js';
import { attentionWidth, HEAD_SIZE, type EncoderLayer, type EncoderSpec } from './architecture.js';

export interface DenseSpec {
  readonly inFeatures: number;
  readonly outFeatures: number;
  readonly name: string;
}

/**
 * A linear layer on [batch, tokens, in] as MatMul with an [in, out] weight plus a bias Add (how PyTorch exports
 * nn.Linear on 3-D input). The weight operand makes the MatMul count as a linear layer.
 */
export function denseLayer(builder: GraphBuilder, x: string, spec: DenseSpec, rng: Rng): string {
  const weight = builder.parameter(
    `${spec.name}.weight`,
    [spec.inFeatures, spec.outFeatures],
    uniformWeights(spec.inFeatures * spec.outFeatures, Math.sqrt(3 / spec.inFeatures), rng),
  );
  const bias = builder.parameter(`${spec.name}.bias`, [spec.outFeatures], uniformWeights(spec.outFeatures, 0.02, rng));
  return builder.add(builder.matMul(x, weight), bias);
}

/** LayerNorm over the last axis with a scale (gamma) and shift (beta) per feature. */
export function layerNormLayer(builder: GraphBuilder, x: string, features: number, epsilon: number, rng: Rng, name: string): string {
  const scale = builder.parameter(`${name}.weight`, [features], jitteredValues(features, 1, 0.05, rng));
  const shift = builder.parameter(`${name}.bias`, [features], uniformWeights(features, 0.02, rng));
  return builder.layerNormalization(x, scale, shift, -1, epsilon);
}

/** [batch, tokens, heads x 64] -> [batch, heads, tokens, 64]. */
function splitHeads(builder: GraphBuilder, x: string, heads: number): string {
  return builder.transpose(builder.reshape(x, [0, 0, heads, HEAD_SIZE]), [0, 2, 1, 3]);
}

/** The q, k, v of one layer, each [batch, heads, tokens, 64]. */
function projectQkv(builder: GraphBuilder, spec: EncoderSpec, layer: EncoderLayer, x: string, rng: Rng, name: string): [string, string, string] {
  const width = attentionWidth(layer);
  if (!spec.fusedQkv) {
    const project = (part: string): string =>
      splitHeads(builder, denseLayer(builder, x, { inFeatures: spec.hidden, outFeatures: width, name: `${name}.${part}` }, rng), layer.heads);
    return [project('query'), project('key'), project('value')];
  }
  // timm: qkv(x).reshape(B, N, 3, heads, 64).permute(2, 0, 3, 1, 4), then q, k, v = unbind(0).
  const qkv = denseLayer(builder, x, { inFeatures: spec.hidden, outFeatures: 3 * width, name: `${name}.qkv` }, rng);
  const stacked = builder.transpose(builder.reshape(qkv, [0, 0, 3, layer.heads, HEAD_SIZE]), [2, 0, 3, 1, 4]);
  const part = (index: number): string => builder.gather(stacked, builder.constantInt64('qkv_index', [index], []), 0);
  return [part(0), part(1), part(2)];
}

/**
 * Multi-head self-attention: softmax(q·kᵀ / 8 [+ mask])·v, heads merged back to heads x 64 features, then the
 * output projection to the hidden size. `mask` is an additive [batch, 1, 1, tokens] mask (BERT).
 */
export function selfAttention(
  builder: GraphBuilder,
  spec: EncoderSpec,
  layer: EncoderLayer,
  x: string,
  rng: Rng,
  name: string,
  mask?: string,
): string {
  const [query, key, value] = projectQkv(builder, spec, layer, x, rng, name);
  const scale = 1 / Math.sqrt(HEAD_SIZE);
  const keyT = builder.transpose(key, [0, 1, 3, 2]);
  let scores: string;
  if (spec.scaling === 'scale-queries') {
    scores = builder.matMul(builder.mul(query, builder.constantFloat('attention_scale', [scale], [])), keyT);
  } else {
    scores = builder.div(builder.matMul(query, keyT), builder.constantFloat('attention_divisor', [Math.sqrt(HEAD_SIZE)], []));
  }
  if (mask !== undefined) scores = builder.add(scores, mask);
  const context = builder.matMul(builder.softmax(scores, -1), value);
  const merged = builder.reshape(builder.transpose(context, [0, 2, 1, 3]), [0, 0, -1]);
  return denseLayer(builder, merged, { inFeatures: attentionWidth(layer), outFeatures: spec.hidden, name: `${name}.output` }, rng);
}

/** Linear to the inner width, exact GELU, linear back to the hidden size. */
export function feedForward(builder: GraphBuilder, spec: EncoderSpec, layer: EncoderLayer, x: string, rng: Rng, name: string): string {
  const inner = builder.gelu(denseLayer(builder, x, { inFeatures: spec.hidden, outFeatures: layer.ffn, name: `${name}.intermediate` }, rng));
  return denseLayer(builder, inner, { inFeatures: layer.ffn, outFeatures: spec.hidden, name: `${name}.output` }, rng);
}

/**
 * One encoder layer on [batch, tokens, hidden]. Post-LN (BERT): x = LN(x + attn(x)); x = LN(x + ffn(x)).
 * Pre-LN (ViT): x = x + attn(LN(x)); x = x + ffn(LN(x)).
 */
export function encoderLayer(builder: GraphBuilder, spec: EncoderSpec, layer: EncoderLayer, x: string, rng: Rng, name: string, mask?: string): string {
  const epsilon = spec.layerNormEpsilon;
  if (spec.norm === 'post') {
    const attended = layerNormLayer(builder, builder.add(selfAttention(builder, spec, layer, x, rng, `${name}.attention`, mask), x), spec.hidden, epsilon, rng, `${name}.attention.norm`);
    return layerNormLayer(builder, builder.add(feedForward(builder, spec, layer, attended, rng, `${name}.ffn`), attended), spec.hidden, epsilon, rng, `${name}.ffn.norm`);
  }
  const normed = layerNormLayer(builder, x, spec.hidden, epsilon, rng, `${name}.norm1`);
  const attended = builder.add(x, selfAttention(builder, spec, layer, normed, rng, `${name}.attention`, mask));
  const normed2 = layerNormLayer(builder, attended, spec.hidden, epsilon, rng, `${name}.norm2`);
  return builder.add(attended, feedForward(builder, spec, layer, normed2, rng, `${name}.ffn`));
}

/** Every layer of the spec in order. */
export function encoderStack(builder: GraphBuilder, spec: EncoderSpec, x: string, rng: Rng, mask?: string): string {
  let hidden = x;
  spec.layers.forEach((layer, index) => {
    hidden = encoderLayer(builder, spec, layer, hidden, rng, `layer.${index}`, mask);
  });
  return hidden;
}
