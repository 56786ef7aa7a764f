// The ONNX graph of a fashion-ofa sub-network with its real trained weights (input: pixels / 255, output: logits).
//
// Group norm is written as Reshape [batch, groups, rest] -> LayerNormalization over the last axis (unit scale, zero
// shift) -> Reshape back -> per-channel Mul and Add: opset 17 has no GroupNormalization, and this keeps every
// operator one that onnxruntime and carve's shape inference know.

import { GraphBuilder } from '../../onnx/graph-builder.js';
import { serializeModel } from '../../onnx/serialize.js';
import { attr, type ModelSpec } from '../../onnx/types.js';
import {
  CHANNELS_PER_GROUP,
  FASHION_OFA_CLASSES,
  FASHION_OFA_IMAGE_SIZE,
  HEAD_CHANNELS,
  NORM_EPSILON,
  STEM_CHANNELS,
  STEM_STRIDE,
  fashionOfaPlan,
  type FashionOfaConfig,
} from './architecture.js';
import { blockPrefix, type FashionOfaWeights, type WeightTensor } from './weights-file.js';

export const FASHION_OFA_INPUT = 'images';
export const FASHION_OFA_OUTPUT = 'logits';

class SubnetGraph {
  readonly builder = new GraphBuilder({ name: 'fashion-ofa', opsetVersion: 17 });
  /** Unit scales and zero shifts of the layer norms, shared between norms of equal size. */
  private readonly constants = new Map<string, string>();

  constructor(private readonly weights: FashionOfaWeights) {}

  parameter(name: string, tensor: WeightTensor, dims: readonly number[] = tensor.shape): string {
    return this.builder.parameter(name, dims, tensor.data);
  }

  conv(x: string, name: string, tensor: WeightTensor, stride: number, group: number): string {
    const kernel = tensor.shape[2] as number;
    const padding = Math.floor(kernel / 2);
    return this.builder.conv(x, this.parameter(name, tensor), undefined, {
      strides: [stride, stride],
      pads: [padding, padding, padding, padding],
      group,
    });
  }

  private filled(value: number, length: number): string {
    const key = `${value}:${length}`;
    let name = this.constants.get(key);
    if (name === undefined) {
      name = this.builder.constantFloat(value === 1 ? 'norm_unit_scale' : 'norm_zero_shift', new Array<number>(length).fill(value));
      this.constants.set(key, name);
    }
    return name;
  }

  groupNorm(x: string, prefix: string, channels: number, size: number): string {
    const groupLength = CHANNELS_PER_GROUP * size * size;
    const grouped = this.builder.reshape(x, [0, channels / CHANNELS_PER_GROUP, groupLength]);
    const normalised = this.builder.layerNormalization(grouped, this.filled(1, groupLength), this.filled(0, groupLength), -1, NORM_EPSILON);
    const restored = this.builder.reshape(normalised, [0, channels, size, size]);
    const gamma = this.parameter(`${prefix}.weight`, this.weights.leading(`${prefix}.weight`, channels), [channels, 1, 1]);
    const beta = this.parameter(`${prefix}.bias`, this.weights.leading(`${prefix}.bias`, channels), [channels, 1, 1]);
    return this.builder.add(this.builder.mul(restored, gamma), beta);
  }
}

/** `batchSize` is the leading input dimension: a number, or a name such as 'N' for any batch. */
export function buildFashionOfaModel(config: FashionOfaConfig, weights: FashionOfaWeights, batchSize: number | string): ModelSpec {
  const plan = fashionOfaPlan(config);
  const graph = new SubnetGraph(weights);
  const { builder } = graph;
  let x = builder.input(FASHION_OFA_INPUT, [batchSize, 1, FASHION_OFA_IMAGE_SIZE, FASHION_OFA_IMAGE_SIZE]);
  x = graph.conv(x, 'stem.conv.weight', weights.tensor('stem.conv.weight'), STEM_STRIDE, 1);
  x = builder.relu(graph.groupNorm(x, 'stem.norm', STEM_CHANNELS, plan.stemSize));
  for (const block of plan.blocks) {
    const prefix = blockPrefix(block.stage, block.slot);
    const hidden = block.hiddenChannels;
    let y = graph.conv(x, `${prefix}.expand.weight`, weights.leading(`${prefix}.expand.weight`, hidden), 1, 1);
    y = builder.relu(graph.groupNorm(y, `${prefix}.expand_norm`, hidden, block.inSize));
    const depthwiseName = `${prefix}.depthwise.k${block.kernel}.weight`;
    y = graph.conv(y, depthwiseName, weights.leading(depthwiseName, hidden), block.stride, hidden);
    y = builder.relu(graph.groupNorm(y, `${prefix}.depthwise_norm`, hidden, block.outSize));
    y = graph.conv(y, `${prefix}.project.weight`, weights.leadingInputs(`${prefix}.project.weight`, hidden), 1, 1);
    y = graph.groupNorm(y, `${prefix}.project_norm`, block.outChannels, block.outSize);
    x = block.residual ? builder.add(x, y) : y;
  }
  x = graph.conv(x, 'head.conv.weight', weights.tensor('head.conv.weight'), 1, 1);
  x = builder.relu(graph.groupNorm(x, 'head.norm', HEAD_CHANNELS, plan.headSize));
  const pooled = builder.flatten(builder.globalAveragePool(x), 1);
  const classifierWeight = graph.parameter('classifier.weight', weights.tensor('classifier.weight'));
  const classifierBias = graph.parameter('classifier.bias', weights.tensor('classifier.bias'));
  // The output hint is free at this point, so the graph output is named exactly FASHION_OFA_OUTPUT.
  const logits = builder.op('Gemm', [pooled, classifierWeight, classifierBias], { transB: attr.int(1) }, FASHION_OFA_OUTPUT);
  builder.output(logits, [batchSize, FASHION_OFA_CLASSES]);
  return builder.build();
}

/** Serialised ONNX bytes of the sub-network, ready for onnxruntime. */
export function buildFashionOfaOnnx(config: FashionOfaConfig, weights: FashionOfaWeights, batchSize: number | string): Uint8Array {
  return serializeModel(buildFashionOfaModel(config, weights, batchSize));
}
