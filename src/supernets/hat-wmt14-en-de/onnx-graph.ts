// ONNX graphs of a HAT SubTransformer (real topology, seeded random weights):
// - the teacher-forced forward pass (source and target ids -> logits), the pass HAT profiles for FLOPs;
// - for latency, the graphs of one incremental translation: the encoder, the encoder-decoder attention cache
//   (keys and values of the attended encoder outputs, computed once per sentence as fairseq's first decoder
//   step does), and one decoder step (last token + cached keys/values -> next-token logits + grown cache).

import { createRng } from '../../core/rng.js';
import { GraphBuilder } from '../../onnx/graph-builder.js';
import { serializeModel } from '../../onnx/serialize.js';
import { attr, type ModelSpec } from '../../onnx/types.js';
import { HAT_EMBED_CHOICES, maxEncoderLayersAttended, type HatPlan } from './architecture.js';
import {
  addNorm,
  attend,
  embedSentence,
  embeddingTable,
  feedForward,
  linear,
  scaleQuery,
  scaledEmbedding,
  sinusoidalTable,
  splitHeads,
  splitPacked,
  type GraphContext,
} from './graph-layers.js';

/** The width of the SuperTransformer's sinusoidal table; sub-networks use its first columns. */
const SUPER_DIM = Math.max(...HAT_EMBED_CHOICES);

export interface HatGraphOptions {
  readonly batchSize: number;
  readonly seed: number;
  readonly sourceLength: number;
  readonly targetLength: number;
}

/** Encoder outputs from the last layer back: [last, second last, third last] as far as `count` asks. */
function encode(ctx: GraphContext, plan: HatPlan, tokens: string, table: string, tableDim: number, sourceLength: number, count: number): string[] {
  const e = plan.encoderDim;
  const q = plan.qkvDim;
  let x = embedSentence(ctx, tokens, table, { dim: e, tableDim, superDim: SUPER_DIM, length: sourceLength });
  const outputs: string[] = [];
  plan.encoderLayers.forEach((layer, index) => {
    const name = `encoder.layers.${index}`;
    const headDim = q / layer.heads;
    const [query, key, value] = splitPacked(ctx, linear(ctx, x, e, 3 * q, `${name}.self_attn.in_proj`), q, 3) as [string, string, string];
    const context = attend(ctx, splitHeads(ctx, scaleQuery(ctx, query, headDim), layer.heads, headDim), splitHeads(ctx, key, layer.heads, headDim, true), splitHeads(ctx, value, layer.heads, headDim), q);
    x = addNorm(ctx, x, linear(ctx, context, q, e, `${name}.self_attn.out_proj`), e, `${name}.self_attn_layer_norm`);
    x = feedForward(ctx, x, e, layer.ffn, name);
    outputs.push(x);
  });
  return outputs.slice(-count).reverse();
}

/** Keys/values of one decoder layer's encoder-decoder attention: [batch, heads, span·S, headDim] each. */
function crossKeysValues(ctx: GraphContext, plan: HatPlan, layerIndex: number, encoderOutputs: readonly string[]): { key: string; value: string } {
  const layer = plan.decoderLayers[layerIndex] as HatPlan['decoderLayers'][number];
  const q = plan.qkvDim;
  const headDim = q / layer.endeHeads;
  const attended = encoderOutputs.slice(0, layer.encoderLayersAttended);
  const memory = attended.length === 1 ? (attended[0] as string) : ctx.builder.concat(attended, 1);
  const [key, value] = splitPacked(ctx, linear(ctx, memory, plan.encoderDim, 2 * q, `decoder.layers.${layerIndex}.encoder_attn.kv_proj`), q, 2) as [string, string];
  return { key: splitHeads(ctx, key, layer.endeHeads, headDim, true), value: splitHeads(ctx, value, layer.endeHeads, headDim) };
}

/** Encoder-decoder attention and FFN of one decoder layer after its self-attention block. */
function decoderLayerTail(ctx: GraphContext, plan: HatPlan, layerIndex: number, x: string, cross: { key: string; value: string }): string {
  const layer = plan.decoderLayers[layerIndex] as HatPlan['decoderLayers'][number];
  const name = `decoder.layers.${layerIndex}`;
  const d = plan.decoderDim;
  const q = plan.qkvDim;
  const headDim = q / layer.endeHeads;
  const query = splitHeads(ctx, scaleQuery(ctx, linear(ctx, x, d, q, `${name}.encoder_attn.q_proj`), headDim), layer.endeHeads, headDim);
  const context = attend(ctx, query, cross.key, cross.value, q);
  const y = addNorm(ctx, x, linear(ctx, context, q, d, `${name}.encoder_attn.out_proj`), d, `${name}.encoder_attn_layer_norm`);
  return feedForward(ctx, y, d, layer.ffn, name);
}

/** Logits over the vocabulary with the tied embedding table: rows x d -> rows x V (Gemm, no bias). */
function outputProjection(ctx: GraphContext, x: string, table: string, plan: HatPlan, tableDim: number): string {
  const { builder } = ctx;
  const d = plan.decoderDim;
  const weight = tableDim === d ? table : builder.slice(table, [0], [d], [1]);
  return builder.gemm(builder.reshape(x, [-1, d]), weight, undefined, { transB: true });
}

export function buildHatForwardModel(plan: HatPlan, options: HatGraphOptions): ModelSpec {
  const ctx: GraphContext = { builder: new GraphBuilder({ name: 'hat-forward' }), rng: createRng(options.seed) };
  const { builder } = ctx;
  const { batchSize: b, sourceLength: s, targetLength: t } = options;
  const d = plan.decoderDim;
  const q = plan.qkvDim;
  const tableDim = Math.max(plan.encoderDim, d);
  const table = embeddingTable(ctx, plan.vocabSize, tableDim);
  const source = builder.input('src_tokens', [b, s], 'int64');
  const target = builder.input('prev_output_tokens', [b, t], 'int64');
  const encoderOutputs = encode(ctx, plan, source, table, tableDim, s, maxEncoderLayersAttended(plan));
  let x = embedSentence(ctx, target, table, { dim: d, tableDim, superDim: SUPER_DIM, length: t });
  const future = new Array<number>(t * t).fill(0).map((_, index) => (index % t > Math.floor(index / t) ? -1e9 : 0));
  const mask = builder.constantFloat('future_mask', future, [t, t]);
  plan.decoderLayers.forEach((layer, index) => {
    const name = `decoder.layers.${index}`;
    const headDim = q / layer.selfHeads;
    const [query, key, value] = splitPacked(ctx, linear(ctx, x, d, 3 * q, `${name}.self_attn.in_proj`), q, 3) as [string, string, string];
    const context = attend(ctx, splitHeads(ctx, scaleQuery(ctx, query, headDim), layer.selfHeads, headDim), splitHeads(ctx, key, layer.selfHeads, headDim, true), splitHeads(ctx, value, layer.selfHeads, headDim), q, mask);
    x = addNorm(ctx, x, linear(ctx, context, q, d, `${name}.self_attn.out_proj`), d, `${name}.self_attn_layer_norm`);
    x = decoderLayerTail(ctx, plan, index, x, crossKeysValues(ctx, plan, index, encoderOutputs));
  });
  builder.output(builder.reshape(outputProjection(ctx, x, table, plan, tableDim), [b, t, plan.vocabSize]));
  return builder.build();
}

export function buildHatForwardOnnx(plan: HatPlan, options: HatGraphOptions): Uint8Array {
  return serializeModel(buildHatForwardModel(plan, options));
}

/** Output names of the encoder graph: encoder_out (last layer), encoder_out_1, encoder_out_2 (earlier layers). */
export function encoderOutputName(fromLast: number): string {
  return fromLast === 0 ? 'encoder_out' : `encoder_out_${fromLast}`;
}

/** Source ids [batch, S] -> the outputs of the last encoder layers the decoder reads, [batch, S, e] each. */
export function buildHatEncoderModel(plan: HatPlan, options: { batchSize: number; seed: number; sourceLength: number }): ModelSpec {
  const ctx: GraphContext = { builder: new GraphBuilder({ name: 'hat-encoder' }), rng: createRng(options.seed) };
  const table = embeddingTable(ctx, plan.vocabSize, plan.encoderDim);
  const tokens = ctx.builder.input('src_tokens', [options.batchSize, options.sourceLength], 'int64');
  const outputs = encode(ctx, plan, tokens, table, plan.encoderDim, options.sourceLength, maxEncoderLayersAttended(plan));
  outputs.forEach((output, fromLast) => ctx.builder.output(ctx.builder.op('Identity', [output], {}, encoderOutputName(fromLast))));
  return ctx.builder.build();
}

export function crossKeyName(layer: number): string {
  return `cross_key_${layer}`;
}

export function crossValueName(layer: number): string {
  return `cross_value_${layer}`;
}

/**
 * Encoder outputs [batch, S, e] -> per decoder layer the keys and values of its encoder-decoder attention for
 * batch·beam hypotheses, as fairseq's first incremental step computes and caches them.
 */
export function buildHatCrossCacheModel(plan: HatPlan, options: { batchSize: number; seed: number; sourceLength: number; beam: number }): ModelSpec {
  const ctx: GraphContext = { builder: new GraphBuilder({ name: 'hat-cross-cache' }), rng: createRng(options.seed + 1) };
  const { builder } = ctx;
  const count = maxEncoderLayersAttended(plan);
  const expanded = Array.from({ length: count }, (_, fromLast) => {
    const input = builder.input(encoderOutputName(fromLast), [options.batchSize, options.sourceLength, plan.encoderDim]);
    // Each sentence's encoder output repeated for its beam hypotheses (fairseq's reorder_encoder_out).
    return options.beam === 1 ? input : builder.concat(new Array<string>(options.beam).fill(input), 0);
  });
  plan.decoderLayers.forEach((_, layer) => {
    const { key, value } = crossKeysValues(ctx, plan, layer, expanded);
    builder.output(builder.op('Identity', [key], {}, crossKeyName(layer)));
    builder.output(builder.op('Identity', [value], {}, crossValueName(layer)));
  });
  return builder.build();
}

export function pastKeyName(layer: number): string {
  return `past_key_${layer}`;
}

export function pastValueName(layer: number): string {
  return `past_value_${layer}`;
}

export function presentKeyName(layer: number): string {
  return `present_key_${layer}`;
}

export function presentValueName(layer: number): string {
  return `present_value_${layer}`;
}

export interface HatStepOptions {
  /** Hypotheses decoded side by side: sentences x beam. */
  readonly rows: number;
  readonly seed: number;
  readonly sourceLength: number;
  /** Cached self-attention length: a number for a static graph (counting), 'past' for one graph for all steps. */
  readonly pastLength: number | 'past';
  /** Rows of the position table (the longest output + padding_idx + 1). */
  readonly maxPositions: number;
}

/**
 * One incremental decoder step: the last token of each hypothesis [rows, 1] and its position [1] -> logits
 * [rows, V]; self-attention appends this step's key and value to the cache (present = past + 1 position), the
 * encoder-decoder attention reads the cached keys and values of the encoder outputs.
 */
export function buildHatDecoderStepModel(plan: HatPlan, options: HatStepOptions): ModelSpec {
  const ctx: GraphContext = { builder: new GraphBuilder({ name: 'hat-decoder-step' }), rng: createRng(options.seed + 2) };
  const { builder } = ctx;
  const d = plan.decoderDim;
  const q = plan.qkvDim;
  const rows = options.rows;
  const table = embeddingTable(ctx, plan.vocabSize, d);
  const tokens = builder.input('prev_token', [rows, 1], 'int64');
  const position = builder.input('position', [1], 'int64');
  const positionTable = builder.constantFloat('positions', Array.from(sinusoidalTable(options.maxPositions, SUPER_DIM, d)), [options.maxPositions, d]);
  // fairseq's incremental path reads the position row directly (no make_positions multiply).
  let x = builder.add(scaledEmbedding(ctx, tokens, table, d), builder.gather(positionTable, position));
  plan.decoderLayers.forEach((layer, index) => {
    const name = `decoder.layers.${index}`;
    const headDim = q / layer.selfHeads;
    const [query, key, value] = splitPacked(ctx, linear(ctx, x, d, 3 * q, `${name}.self_attn.in_proj`), q, 3) as [string, string, string];
    const pastKey = builder.input(pastKeyName(index), [rows, layer.selfHeads, options.pastLength, headDim]);
    const pastValue = builder.input(pastValueName(index), [rows, layer.selfHeads, options.pastLength, headDim]);
    const presentKey = builder.op('Concat', [pastKey, splitHeads(ctx, key, layer.selfHeads, headDim)], { axis: attr.int(2) }, presentKeyName(index));
    const presentValue = builder.op('Concat', [pastValue, splitHeads(ctx, value, layer.selfHeads, headDim)], { axis: attr.int(2) }, presentValueName(index));
    builder.output(presentKey);
    builder.output(presentValue);
    const context = attend(ctx, splitHeads(ctx, scaleQuery(ctx, query, headDim), layer.selfHeads, headDim), builder.transpose(presentKey, [0, 1, 3, 2]), presentValue, q);
    x = addNorm(ctx, x, linear(ctx, context, q, d, `${name}.self_attn.out_proj`), d, `${name}.self_attn_layer_norm`);
    const endeHeadDim = q / layer.endeHeads;
    const crossLength = layer.encoderLayersAttended * options.sourceLength;
    const cross = {
      key: builder.input(crossKeyName(index), [rows, layer.endeHeads, endeHeadDim, crossLength]),
      value: builder.input(crossValueName(index), [rows, layer.endeHeads, crossLength, endeHeadDim]),
    };
    x = decoderLayerTail(ctx, plan, index, x, cross);
  });
  builder.output(builder.op('Identity', [outputProjection(ctx, x, table, plan, d)], {}, 'logits'));
  return builder.build();
}
