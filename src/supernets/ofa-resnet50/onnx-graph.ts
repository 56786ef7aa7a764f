// The ONNX graph of an OFA ResNet50 sub-network, operator for operator like its PyTorch forward pass.

import { createRng, type Rng } from '../../core/rng.js';
import { GraphBuilder } from '../../onnx/graph-builder.js';
import { batchNormLayer, convLayer, linearLayer } from '../../onnx/layers.js';
import { serializeModel } from '../../onnx/serialize.js';
import type { ModelSpec } from '../../onnx/types.js';
import type { ResNetPlan } from './architecture.js';

export const RESNET_INPUT_NAME = 'input';

function convBn(
  builder: GraphBuilder,
  rng: Rng,
  x: string,
  spec: { inChannels: number; outChannels: number; kernel: number; stride?: number; name: string },
  epsilon: number,
): string {
  return batchNormLayer(builder, convLayer(builder, x, spec, rng), spec.outChannels, epsilon, rng, `${spec.name}.bn`);
}

export function buildResNetModel(plan: ResNetPlan, batchSize: number, seed: number, graphName: string): ModelSpec {
  const rng = createRng(seed);
  const builder = new GraphBuilder({ name: graphName });
  const epsilon = plan.batchNormEpsilon;
  const { midChannels, outChannels } = plan.stem;
  const input = builder.input(RESNET_INPUT_NAME, [batchSize, 3, plan.resolution, plan.resolution]);
  let x = builder.relu(convBn(builder, rng, input, { inChannels: 3, outChannels: midChannels, kernel: 3, stride: 2, name: 'stem.0' }, epsilon));
  if (plan.stem.residualConv) {
    const residual = builder.relu(convBn(builder, rng, x, { inChannels: midChannels, outChannels: midChannels, kernel: 3, name: 'stem.1' }, epsilon));
    x = builder.add(residual, x);
  }
  x = builder.relu(convBn(builder, rng, x, { inChannels: midChannels, outChannels, kernel: 3, name: 'stem.2' }, epsilon));
  x = builder.maxPool(x, { kernelShape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] });
  plan.blocks.forEach((block, index) => {
    const name = `blocks.${index}`;
    let shortcut = x;
    if (block.downsample === 'avgpool-conv') {
      const pooled = builder.averagePool(x, { kernelShape: [block.stride, block.stride], strides: [block.stride, block.stride], ceilMode: true });
      shortcut = convBn(builder, rng, pooled, { inChannels: block.inChannels, outChannels: block.outChannels, kernel: 1, name: `${name}.downsample` }, epsilon);
    }
    let y = builder.relu(convBn(builder, rng, x, { inChannels: block.inChannels, outChannels: block.midChannels, kernel: 1, name: `${name}.conv1` }, epsilon));
    y = builder.relu(convBn(builder, rng, y, { inChannels: block.midChannels, outChannels: block.midChannels, kernel: 3, stride: block.stride, name: `${name}.conv2` }, epsilon));
    y = convBn(builder, rng, y, { inChannels: block.midChannels, outChannels: block.outChannels, kernel: 1, name: `${name}.conv3` }, epsilon);
    x = builder.relu(builder.add(y, shortcut));
  });
  const features = plan.blocks[plan.blocks.length - 1]?.outChannels ?? outChannels;
  const pooled = builder.reduceMean(builder.reduceMean(x, [3], false), [2], false);
  builder.output(linearLayer(builder, pooled, { inFeatures: features, outFeatures: plan.classes, name: 'classifier' }, rng));
  return builder.build();
}

export function buildResNetOnnx(plan: ResNetPlan, batchSize: number, seed: number, graphName: string): Uint8Array {
  return serializeModel(buildResNetModel(plan, batchSize, seed, graphName));
}
