// The ONNX graph of an OFA mobile sub-network: the same operators, in the same order, as its PyTorch forward.

import { createRng, type Rng } from '../../core/rng.js';
import { GraphBuilder } from '../../onnx/graph-builder.js';
import { batchNormLayer, convLayer, linearLayer } from '../../onnx/layers.js';
import { serializeModel } from '../../onnx/serialize.js';
import type { ModelSpec } from '../../onnx/types.js';
import type { MobileActivation, MobilePlan } from './mobile-plan.js';

export const MOBILE_INPUT_NAME = 'input';

function activate(builder: GraphBuilder, x: string, activation: MobileActivation): string {
  if (activation === 'hswish') return builder.hardSwish(x);
  if (activation === 'relu6') return builder.relu6(x);
  return builder.relu(x);
}

/**
 * Batch norm stays a node (not folded into the convolution) so the graph's counts match both conventions;
 * onnxruntime fuses it at session creation, so timing is unaffected.
 */
function convBnAct(
  builder: GraphBuilder,
  rng: Rng,
  x: string,
  spec: { inChannels: number; outChannels: number; kernel: number; stride?: number; groups?: number; name: string },
  epsilon: number,
  activation: MobileActivation | undefined,
): string {
  const conv = convLayer(builder, x, spec, rng);
  const normed = batchNormLayer(builder, conv, spec.outChannels, epsilon, rng, `${spec.name}.bn`);
  return activation === undefined ? normed : activate(builder, normed, activation);
}

export function buildMobilePlanModel(plan: MobilePlan, batchSize: number, seed: number, graphName: string): ModelSpec {
  const rng = createRng(seed);
  const builder = new GraphBuilder({ name: graphName });
  const epsilon = plan.batchNormEpsilon;
  const input = builder.input(MOBILE_INPUT_NAME, [batchSize, 3, plan.resolution, plan.resolution]);
  let x = convBnAct(builder, rng, input, { inChannels: 3, outChannels: plan.stem.outChannels, kernel: 3, stride: 2, name: 'first_conv' }, epsilon, plan.stem.activation);
  plan.blocks.forEach((block, index) => {
    const name = `blocks.${index}`;
    const shortcut = x;
    let y = x;
    if (block.expand) {
      y = convBnAct(builder, rng, y, { inChannels: block.inChannels, outChannels: block.midChannels, kernel: 1, name: `${name}.expand` }, epsilon, block.activation);
    }
    y = convBnAct(
      builder,
      rng,
      y,
      { inChannels: block.midChannels, outChannels: block.midChannels, kernel: block.kernel, stride: block.stride, groups: block.midChannels, name: `${name}.depthwise` },
      epsilon,
      block.activation,
    );
    if (block.seChannels > 0) {
      const squeezed = builder.reduceMean(builder.reduceMean(y, [3], true), [2], true);
      const reduced = builder.relu(convLayer(builder, squeezed, { inChannels: block.midChannels, outChannels: block.seChannels, kernel: 1, bias: true, name: `${name}.se.reduce` }, rng));
      const excited = convLayer(builder, reduced, { inChannels: block.seChannels, outChannels: block.midChannels, kernel: 1, bias: true, name: `${name}.se.expand` }, rng);
      y = builder.mul(y, builder.hardSigmoid(excited));
    }
    y = convBnAct(builder, rng, y, { inChannels: block.midChannels, outChannels: block.outChannels, kernel: 1, name: `${name}.project` }, epsilon, undefined);
    x = block.residual ? builder.add(y, shortcut) : y;
  });
  const lastChannels = plan.blocks[plan.blocks.length - 1]?.outChannels ?? plan.stem.outChannels;
  const head = plan.head;
  let features: string;
  if (head.kind === 'mbv3') {
    x = convBnAct(builder, rng, x, { inChannels: lastChannels, outChannels: head.finalExpandChannels, kernel: 1, name: 'final_expand' }, epsilon, 'hswish');
    x = builder.reduceMean(builder.reduceMean(x, [3], true), [2], true);
    x = builder.hardSwish(convLayer(builder, x, { inChannels: head.finalExpandChannels, outChannels: head.featureMixChannels, kernel: 1, name: 'feature_mix' }, rng));
    features = builder.flatten(x, 1);
  } else {
    x = convBnAct(builder, rng, x, { inChannels: lastChannels, outChannels: head.featureMixChannels, kernel: 1, name: 'feature_mix' }, epsilon, 'relu6');
    features = builder.reduceMean(builder.reduceMean(x, [3], false), [2], false);
  }
  builder.output(linearLayer(builder, features, { inFeatures: head.featureMixChannels, outFeatures: head.classes, name: 'classifier' }, rng));
  return builder.build();
}

export function buildMobilePlanOnnx(plan: MobilePlan, batchSize: number, seed: number, graphName: string): Uint8Array {
  return serializeModel(buildMobilePlanModel(plan, batchSize, seed, graphName));
}
