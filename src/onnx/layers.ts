// Common layers with seeded random weights on top of GraphBuilder: convolution, batch norm, linear.

import type { Rng } from '../core/rng.js';
import type { GraphBuilder } from './graph-builder.js';
import { jitteredValues, uniformWeights } from './weights.js';

export interface ConvLayerSpec {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernel: number;
  readonly stride?: number;
  readonly groups?: number;
  readonly bias?: boolean;
  /** Symmetric padding; default kernel/2 rounded down ("same" for odd kernels at stride 1). */
  readonly padding?: number;
  readonly name?: string;
}

/** A 2-D convolution with a [out, in/groups, k, k] weight scaled to keep activations of order one. */
export function convLayer(builder: GraphBuilder, x: string, spec: ConvLayerSpec, rng: Rng): string {
  const groups = spec.groups ?? 1;
  const stride = spec.stride ?? 1;
  const padding = spec.padding ?? Math.floor(spec.kernel / 2);
  const name = spec.name ?? 'conv';
  const inPerGroup = spec.inChannels / groups;
  const fanIn = inPerGroup * spec.kernel * spec.kernel;
  const weight = builder.parameter(
    `${name}.weight`,
    [spec.outChannels, inPerGroup, spec.kernel, spec.kernel],
    uniformWeights(spec.outChannels * fanIn, Math.sqrt(3 / fanIn), rng),
  );
  const bias = spec.bias === true ? builder.parameter(`${name}.bias`, [spec.outChannels], uniformWeights(spec.outChannels, 0.1, rng)) : undefined;
  return builder.conv(x, weight, bias, {
    strides: [stride, stride],
    pads: [padding, padding, padding, padding],
    group: groups,
  });
}

/** Inference-mode batch norm: scale and shift are parameters, running mean and variance are buffers. */
export function batchNormLayer(builder: GraphBuilder, x: string, channels: number, epsilon: number, rng: Rng, name = 'bn'): string {
  const scale = builder.parameter(`${name}.weight`, [channels], jitteredValues(channels, 1, 0.1, rng));
  const shift = builder.parameter(`${name}.bias`, [channels], uniformWeights(channels, 0.1, rng));
  const mean = builder.buffer(`${name}.running_mean`, [channels], uniformWeights(channels, 0.1, rng));
  const variance = builder.buffer(`${name}.running_var`, [channels], jitteredValues(channels, 1, 0.1, rng));
  return builder.batchNormalization(x, scale, shift, mean, variance, epsilon);
}

/** A fully connected layer on [rows, in] as Gemm with a [out, in] weight (PyTorch's layout). */
export function linearLayer(
  builder: GraphBuilder,
  x: string,
  spec: { readonly inFeatures: number; readonly outFeatures: number; readonly bias?: boolean; readonly name?: string },
  rng: Rng,
): string {
  const name = spec.name ?? 'linear';
  const weight = builder.parameter(
    `${name}.weight`,
    [spec.outFeatures, spec.inFeatures],
    uniformWeights(spec.outFeatures * spec.inFeatures, Math.sqrt(3 / spec.inFeatures), rng),
  );
  const bias = spec.bias === false ? undefined : builder.parameter(`${name}.bias`, [spec.outFeatures], uniformWeights(spec.outFeatures, 0.1, rng));
  return builder.gemm(x, weight, bias, { transB: true });
}
