// The pieces of HAT's fairseq Transformer as ONNX nodes: linear layers, post-norm residuals, multi-head
// attention with a 512-wide qkv split into heads, token embedding with fairseq's sinusoidal positions.

import type { Rng } from '../../core/rng.js';
import type { GraphBuilder } from '../../onnx/graph-builder.js';
import { attr } from '../../onnx/types.js';
import { uniformWeights } from '../../onnx/weights.js';
import { HAT_LAYER_NORM_EPSILON, HAT_PADDING_INDEX } from './architecture.js';

export interface GraphContext {
  readonly builder: GraphBuilder;
  readonly rng: Rng;
}

/** x·W + b with W stored [in, out]: a MatMul with a weight operand (a linear layer for the MAC counter). */
export function linear(ctx: GraphContext, x: string, inFeatures: number, outFeatures: number, name: string): string {
  const weight = ctx.builder.parameter(`${name}.weight`, [inFeatures, outFeatures], uniformWeights(inFeatures * outFeatures, Math.sqrt(3 / inFeatures), ctx.rng));
  const bias = ctx.builder.parameter(`${name}.bias`, [outFeatures], uniformWeights(outFeatures, 0.05, ctx.rng));
  return ctx.builder.add(ctx.builder.matMul(x, weight), bias);
}

export function layerNorm(ctx: GraphContext, x: string, dim: number, name: string): string {
  const scale = ctx.builder.parameter(`${name}.weight`, [dim], new Float32Array(dim).fill(1));
  const shift = ctx.builder.parameter(`${name}.bias`, [dim], new Float32Array(dim));
  return ctx.builder.layerNormalization(x, scale, shift, -1, HAT_LAYER_NORM_EPSILON);
}

/** fairseq's sinusoidal table for the super embedding width, rows 0..rows-1, the padding row zero. */
export function sinusoidalTable(rows: number, superDim: number, dim: number): Float32Array {
  const half = superDim / 2;
  const step = Math.log(10000) / (half - 1);
  const table = new Float32Array(rows * dim);
  for (let row = 0; row < rows; row += 1) {
    if (row === HAT_PADDING_INDEX) continue;
    for (let column = 0; column < dim; column += 1) {
      const frequency = Math.exp(-step * (column % half));
      table[row * dim + column] = column < half ? Math.sin(row * frequency) : Math.cos(row * frequency);
    }
  }
  return table;
}

/**
 * Scaled token embedding plus positions for a whole sentence ([batch, length] ids -> [batch, length, dim]):
 * positions are made as fairseq's make_positions does, cumsum(mask)·mask + padding_idx.
 */
export function embedSentence(
  ctx: GraphContext,
  tokens: string,
  table: string,
  sizes: { readonly dim: number; readonly tableDim: number; readonly superDim: number; readonly length: number },
): string {
  const { builder } = ctx;
  const { dim, length } = sizes;
  const mask = builder.sub(builder.constantInt64('one', [1], []), builder.op('Cast', [builder.op('Equal', [tokens, builder.constantInt64('pad', [HAT_PADDING_INDEX], [])])], { to: attr.int(7) }));
  const running = builder.op('CumSum', [mask, builder.constantInt64('axis', [1], [])]);
  const positions = builder.add(builder.mul(running, mask), builder.constantInt64('pad', [HAT_PADDING_INDEX], []));
  const rows = HAT_PADDING_INDEX + 1 + length;
  const positionTable = builder.constantFloat('positions', Array.from(sinusoidalTable(rows, sizes.superDim, dim)), [rows, dim]);
  return builder.add(scaledEmbedding(ctx, tokens, table, dim, sizes.tableDim), builder.gather(positionTable, positions));
}

/** Token embedding times sqrt(dim); `table` may be wider than `dim` (the shared table), then it is cut. */
export function scaledEmbedding(ctx: GraphContext, tokens: string, table: string, dim: number, tableDim = dim): string {
  const { builder } = ctx;
  let embedded = builder.gather(table, tokens);
  if (tableDim !== dim) embedded = builder.slice(embedded, [0], [dim], [-1]);
  return builder.mul(embedded, builder.constantFloat('embed_scale', [Math.sqrt(dim)], []));
}

/** [batch, length, heads·headDim] -> [batch, heads, length, headDim] (or [batch, heads, headDim, length]). */
export function splitHeads(ctx: GraphContext, x: string, heads: number, headDim: number, keysTransposed = false): string {
  const reshaped = ctx.builder.reshape(x, [0, 0, heads, headDim]);
  return ctx.builder.transpose(reshaped, keysTransposed ? [0, 2, 3, 1] : [0, 2, 1, 3]);
}

/** softmax(q·kᵀ + mask)·v on split heads, merged back to [batch, length, heads·headDim]. */
export function attend(ctx: GraphContext, query: string, keyT: string, value: string, qkvDim: number, mask?: string): string {
  const { builder } = ctx;
  let scores = builder.matMul(query, keyT);
  if (mask !== undefined) scores = builder.add(scores, mask);
  const context = builder.matMul(builder.softmax(scores, -1), value);
  return builder.reshape(builder.transpose(context, [0, 2, 1, 3]), [0, 0, qkvDim]);
}

/** The query projection's scaling, q·headDim^-0.5 (fairseq's `q *= self.scaling`). */
export function scaleQuery(ctx: GraphContext, query: string, headDim: number): string {
  return ctx.builder.mul(query, ctx.builder.constantFloat('scaling', [headDim ** -0.5], []));
}

/** Post-norm residual: LayerNorm(x + y). */
export function addNorm(ctx: GraphContext, x: string, y: string, dim: number, name: string): string {
  return layerNorm(ctx, ctx.builder.add(x, y), dim, name);
}

export function feedForward(ctx: GraphContext, x: string, dim: number, ffn: number, name: string): string {
  const hidden = ctx.builder.relu(linear(ctx, x, dim, ffn, `${name}.fc1`));
  return addNorm(ctx, x, linear(ctx, hidden, ffn, dim, `${name}.fc2`), dim, `${name}.final_layer_norm`);
}

/** The three qkv_dim-wide slices of a packed projection output. */
export function splitPacked(ctx: GraphContext, packed: string, qkvDim: number, parts: number): string[] {
  return Array.from({ length: parts }, (_, part) => ctx.builder.slice(packed, [part * qkvDim], [(part + 1) * qkvDim], [-1]));
}

export function embeddingTable(ctx: GraphContext, vocabSize: number, dim: number): string {
  return ctx.builder.parameter('embed_tokens.weight', [vocabSize, dim], uniformWeights(vocabSize * dim, dim ** -0.5, ctx.rng));
}
