// The fashion-ofa descriptor: space, {ks, e, d} codec, exact costs and the sub-network's ONNX graph with real weights.

import { join } from 'node:path';
import { badInput } from '../../core/errors.js';
import type { MacsConvention } from '../../onnx/types.js';
import type { Genome } from '../../space/types.js';
import type { CostBreakdown, CostReport, OnnxBuildOptions, Supernet, SupernetEntry, SupernetOptions } from '../types.js';
import { FASHION_OFA_IMAGE_SIZE, fashionOfaPlan, type FashionOfaConfig, type FashionOfaPlan } from './architecture.js';
import { fashionOfaCosts } from './costs.js';
import { defaultFashionOfaDirectory, WEIGHTS_FILE } from './held-out.js';
import { buildFashionOfaOnnx } from './onnx-graph.js';
import { createFashionOfaSpace, FASHION_OFA_ID } from './space.js';
import { FashionOfaWeights } from './weights-file.js';

const TITLE = 'fashion-ofa (Fashion-MNIST, trained)';
const DESCRIPTION =
  'A small Once-for-All-style super-network shipped with carve and trained on Fashion-MNIST: 3 stages of ' +
  'inverted-residual blocks with elastic depth {1,2,3}, depthwise kernel {3,5} and expand ratio {2,3,4}; ' +
  'group norm, so every sub-network runs from the stored weights. Accuracy: FashionOfaAccuracyEvaluator.';

export interface FashionOfaSupernet extends Supernet {
  config(genome: Genome): FashionOfaConfig;
  plan(genome: Genome): FashionOfaPlan;
  /** The sub-network with its trained weights; the seed is not used (the weights are real). */
  buildOnnx(genome: Genome, options: OnnxBuildOptions): Uint8Array;
}

export interface FashionOfaSupernetOptions extends SupernetOptions {
  /** Folder holding fashion-ofa.safetensors; default the checkout's supernets/fashion-ofa. */
  readonly directory?: string;
}

function checkBatchSize(batchSize: number): number {
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 65_536) {
    throw badInput('batchSize', `${batchSize} is not a valid batch size`, 'give an integer from 1 to 65536');
  }
  return batchSize;
}

export function createFashionOfaSupernet(options: FashionOfaSupernetOptions = {}): FashionOfaSupernet {
  if (options.resolution !== undefined && options.resolution !== 'fixed') {
    throw badInput('resolution', `${FASHION_OFA_ID} has a fixed 28x28 input`, 'leave resolution out or use "fixed"');
  }
  if (options.fixedResolution !== undefined && options.fixedResolution !== FASHION_OFA_IMAGE_SIZE) {
    throw badInput('fixedResolution', `${FASHION_OFA_ID} only takes ${FASHION_OFA_IMAGE_SIZE}x${FASHION_OFA_IMAGE_SIZE} images`, `use ${FASHION_OFA_IMAGE_SIZE}`);
  }
  const fashionSpace = createFashionOfaSpace();
  const directory = options.directory ?? defaultFashionOfaDirectory();
  // Read on first use: costs and searches over the space never need the weights.
  let weights: FashionOfaWeights | undefined;
  const costBreakdown = (genome: Genome): CostBreakdown => fashionOfaCosts(fashionSpace.read(genome)).result();
  return {
    id: FASHION_OFA_ID,
    title: TITLE,
    family: FASHION_OFA_ID,
    description: DESCRIPTION,
    space: fashionSpace.space,
    codec: fashionSpace.codec,
    defaultResolution: FASHION_OFA_IMAGE_SIZE,
    resolutions: [FASHION_OFA_IMAGE_SIZE],
    config: (genome: Genome): FashionOfaConfig => fashionSpace.read(genome),
    plan: (genome: Genome): FashionOfaPlan => fashionOfaPlan(fashionSpace.read(genome)),
    costBreakdown,
    costs(genome: Genome, convention: MacsConvention): CostReport {
      const tally = fashionOfaCosts(fashionSpace.read(genome));
      return { macs: tally.macs(convention), params: tally.params };
    },
    buildOnnx(genome: Genome, buildOptions: OnnxBuildOptions): Uint8Array {
      const config = fashionSpace.read(genome);
      weights ??= FashionOfaWeights.fromFile(join(directory, WEIGHTS_FILE));
      return buildFashionOfaOnnx(config, weights, checkBatchSize(buildOptions.batchSize));
    },
  };
}

/** The default descriptor (weights from the checkout's supernets/fashion-ofa, read when a graph is first built). */
export const fashionOfaSupernet: FashionOfaSupernet = createFashionOfaSupernet();

/** Registry entry: `carve spaces` lists it, `getSupernet('fashion-ofa')` builds it. */
export const FASHION_OFA_ENTRY: SupernetEntry = {
  id: FASHION_OFA_ID,
  title: TITLE,
  family: FASHION_OFA_ID,
  description: DESCRIPTION,
  create: (options: SupernetOptions): Supernet => createFashionOfaSupernet(options),
};
