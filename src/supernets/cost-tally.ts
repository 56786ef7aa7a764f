// Accumulates MACs by operation kind and parameters while a family walks its layers; sums any convention.

import { macsOf, type MacBreakdown } from '../onnx/macs-convention.js';
import type { MacsConvention } from '../onnx/types.js';
import type { CostBreakdown } from './types.js';

export interface ConvCost {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernel: number;
  readonly groups?: number;
  readonly outHeight: number;
  readonly outWidth: number;
  readonly bias?: boolean;
}

export interface LinearCost {
  readonly inFeatures: number;
  readonly outFeatures: number;
  readonly bias?: boolean;
  /** Rows the layer is applied to (tokens for transformers); default 1. */
  readonly rows?: number;
}

export class CostTally {
  convMacs = 0;
  linearMacs = 0;
  matmulMacs = 0;
  normElements = 0;
  mulElements = 0;
  poolElements = 0;
  params = 0;

  /** A 2-D convolution; bias adds parameters, never MACs (neither convention counts bias additions). */
  conv2d(spec: ConvCost): void {
    const groups = spec.groups ?? 1;
    const weights = spec.outChannels * (spec.inChannels / groups) * spec.kernel * spec.kernel;
    this.convMacs += weights * spec.outHeight * spec.outWidth;
    this.params += weights + (spec.bias === true ? spec.outChannels : 0);
  }

  linear(spec: LinearCost): void {
    const weights = spec.inFeatures * spec.outFeatures;
    this.linearMacs += weights * (spec.rows ?? 1);
    this.params += weights + (spec.bias === false ? 0 : spec.outFeatures);
  }

  /** Product of two activations, e.g. attention scores: counted by torchprofile only. */
  matmul(macs: number): void {
    this.matmulMacs += macs;
  }

  /** Batch norm over `elements` outputs with `channels` affine pairs (running statistics are not parameters). */
  batchNorm(channels: number, elements: number): void {
    this.normElements += elements;
    this.params += 2 * channels;
  }

  layerNorm(features: number, elements: number, affine = true): void {
    if (affine) {
      this.normElements += elements;
      this.params += 2 * features;
    }
  }

  /** Elementwise multiplies: h-swish (x·relu6(x+3)/6), SE scaling. */
  multiply(elements: number): void {
    this.mulElements += elements;
  }

  /** Output elements of a mean or an average pool. */
  pool(elements: number): void {
    this.poolElements += elements;
  }

  /** Parameters outside layers counted above, e.g. embeddings. */
  addParams(count: number): void {
    this.params += count;
  }

  breakdown(): MacBreakdown {
    return {
      convMacs: this.convMacs,
      linearMacs: this.linearMacs,
      matmulMacs: this.matmulMacs,
      normElements: this.normElements,
      mulElements: this.mulElements,
      poolElements: this.poolElements,
    };
  }

  result(): CostBreakdown {
    return { macs: this.breakdown(), params: this.params };
  }

  macs(convention: MacsConvention): number {
    return macsOf(this.breakdown(), convention);
  }
}
