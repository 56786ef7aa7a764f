// The ONNX graph of a BERT-base sub-network, operator for operator like Hugging Face's BertModel forward.

import { createRng } from '../../core/rng.js';
import { GraphBuilder } from '../../onnx/graph-builder.js';
import { linearLayer } from '../../onnx/layers.js';
import { serializeModel } from '../../onnx/serialize.js';
import type { ModelSpec } from '../../onnx/types.js';
import { uniformWeights } from '../../onnx/weights.js';
import { encoderStack, layerNormLayer } from '../transformer-encoder/onnx-layers.js';
import type { BertPlan } from './architecture.js';

export const BERT_INPUT_NAME = 'input_ids';
/** Additive mask value of masked positions: torch.finfo(float32).min, as HF writes it. */
const FLOAT32_MIN = -3.4028234663852886e38;

/** Outputs: last_hidden_state [batch, 128, 768], then pooler_output [batch, 768]. */
export function buildBertModel(plan: BertPlan, batchSize: number, seed: number, graphName: string): ModelSpec {
  const rng = createRng(seed);
  const builder = new GraphBuilder({ name: graphName, opsetVersion: 20 });
  const { hidden, tokens } = plan.encoder;
  const ids = builder.input(BERT_INPUT_NAME, [batchSize, tokens], 'int64');
  const table = (name: string, rows: number): string => builder.parameter(name, [rows, hidden], uniformWeights(rows * hidden, 0.05, rng));
  const words = builder.gather(table('embeddings.word_embeddings.weight', plan.vocabSize), ids, 0);
  const positions = builder.gather(
    table('embeddings.position_embeddings.weight', plan.maxPositions),
    builder.constantInt64('position_ids', Array.from({ length: tokens }, (_, index) => index), [1, tokens]),
    0,
  );
  const types = builder.gather(table('embeddings.token_type_embeddings.weight', plan.typeVocabSize), builder.constantInt64('token_type_ids', new Array<number>(tokens).fill(0), [1, tokens]), 0);
  const embedded = layerNormLayer(builder, builder.add(builder.add(words, types), positions), hidden, plan.encoder.layerNormEpsilon, rng, 'embeddings.norm');
  // No attention mask given: every token attends (mask of ones), turned into HF's additive [batch, 1, 1, tokens] mask.
  const ones = builder.constantFloat('attention_mask', new Array<number>(batchSize * tokens).fill(1), [batchSize, 1, 1, tokens]);
  const mask = builder.mul(builder.sub(builder.constantFloat('one', [1], []), ones), builder.constantFloat('mask_min', [FLOAT32_MIN], []));
  const sequence = encoderStack(builder, plan.encoder, embedded, rng, mask);
  builder.output(sequence);
  const first = builder.gather(sequence, builder.constantInt64('first_token', [0], []), 1);
  builder.output(builder.op('Tanh', [linearLayer(builder, first, { inFeatures: hidden, outFeatures: hidden, name: 'pooler.dense' }, rng)], {}, 'pooled'));
  return builder.build();
}

export function buildBertOnnx(plan: BertPlan, batchSize: number, seed: number, graphName: string): Uint8Array {
  return serializeModel(buildBertModel(plan, batchSize, seed, graphName));
}
