// The ONNX graph of a ViT-B/16 sub-network, operator for operator like timm's VisionTransformer forward.

import { createRng } from '../../core/rng.js';
import { GraphBuilder } from '../../onnx/graph-builder.js';
import { convLayer, linearLayer } from '../../onnx/layers.js';
import { serializeModel } from '../../onnx/serialize.js';
import type { ModelSpec } from '../../onnx/types.js';
import { uniformWeights } from '../../onnx/weights.js';
import { encoderStack, layerNormLayer } from '../transformer-encoder/onnx-layers.js';
import type { VitPlan } from './architecture.js';

export const VIT_INPUT_NAME = 'input';

/** Input [batch, 3, 224, 224]; output the logits [batch, 1000]. */
export function buildVitModel(plan: VitPlan, batchSize: number, seed: number, graphName: string): ModelSpec {
  const rng = createRng(seed);
  const builder = new GraphBuilder({ name: graphName, opsetVersion: 20 });
  const { hidden, tokens } = plan.encoder;
  const input = builder.input(VIT_INPUT_NAME, [batchSize, 3, plan.imageSize, plan.imageSize]);
  const patches = convLayer(builder, input, { inChannels: 3, outChannels: hidden, kernel: plan.patchSize, stride: plan.patchSize, padding: 0, bias: true, name: 'patch_embed.proj' }, rng);
  // [B, 768, 14, 14] -> flatten(2).transpose(1, 2) -> [B, 196, 768].
  const sequence = builder.transpose(builder.reshape(patches, [0, 0, -1]), [0, 2, 1]);
  const classToken = builder.parameter('cls_token', [1, 1, hidden], uniformWeights(hidden, 0.02, rng));
  const withClass = builder.concat([builder.expand(classToken, [batchSize, 1, 1]), sequence], 1);
  const positions = builder.parameter('pos_embed', [1, tokens, hidden], uniformWeights(tokens * hidden, 0.02, rng));
  const encoded = encoderStack(builder, plan.encoder, builder.add(withClass, positions), rng);
  const normed = layerNormLayer(builder, encoded, hidden, plan.encoder.layerNormEpsilon, rng, 'norm');
  const classFeatures = builder.gather(normed, builder.constantInt64('class_token_index', [0], []), 1);
  builder.output(linearLayer(builder, classFeatures, { inFeatures: hidden, outFeatures: plan.classes, name: 'head' }, rng));
  return builder.build();
}

export function buildVitOnnx(plan: VitPlan, batchSize: number, seed: number, graphName: string): Uint8Array {
  return serializeModel(buildVitModel(plan, batchSize, seed, graphName));
}
