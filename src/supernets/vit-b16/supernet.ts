// The elastic ViT-B/16 super-network (InstaTune's ViT space) as a Supernet descriptor.

import type { MacsConvention } from '../../onnx/types.js';
import type { Genome } from '../../space/types.js';
import { checkBatchSize, checkSeed } from '../ofa-common/onnx-options.js';
import type { ElasticEncoderConfig } from '../transformer-encoder/elastic-space.js';
import { checkFixedInput } from '../transformer-encoder/fixed-input.js';
import type { CostReport, OnnxBuildOptions, Supernet, SupernetEntry, SupernetOptions } from '../types.js';
import { VIT_IMAGE_SIZE, vitPlan, type VitPlan } from './architecture.js';
import { vitPlanCosts } from './costs.js';
import { buildVitOnnx } from './onnx-graph.js';
import { createVitSpace, VIT_ID } from './space.js';

const TITLE = 'ViT-B/16, elastic (InstaTune)';
const DESCRIPTION =
  'ViT-B/16 (timm vit_base_patch16_224, hidden 768, 224 px, 197 tokens, 1000 classes): 10-12 layers, per layer ' +
  '6/8/10/12 attention heads of 64 and feed-forward width 1024/2048/3072';

export interface VitSupernet extends Supernet {
  config(genome: Genome): ElasticEncoderConfig;
  plan(genome: Genome): VitPlan;
  buildOnnx(genome: Genome, options: OnnxBuildOptions): Uint8Array;
}

export function createVitB16(options: SupernetOptions = {}): VitSupernet {
  checkFixedInput(VIT_ID, options, VIT_IMAGE_SIZE, `${VIT_IMAGE_SIZE}x${VIT_IMAGE_SIZE} images`);
  const vitSpace = createVitSpace(DESCRIPTION);
  const planOf = (genome: Genome): VitPlan => vitPlan(vitSpace.read(genome));
  return {
    id: VIT_ID,
    title: TITLE,
    family: 'vit-b16',
    description: DESCRIPTION,
    space: vitSpace.space,
    codec: vitSpace.codec,
    defaultResolution: VIT_IMAGE_SIZE,
    resolutions: [VIT_IMAGE_SIZE],
    config: (genome: Genome): ElasticEncoderConfig => vitSpace.read(genome),
    plan: planOf,
    costBreakdown: (genome) => vitPlanCosts(planOf(genome)).result(),
    costs(genome: Genome, convention: MacsConvention): CostReport {
      const tally = vitPlanCosts(planOf(genome));
      return { macs: tally.macs(convention), params: tally.params };
    },
    buildOnnx(genome: Genome, buildOptions: OnnxBuildOptions): Uint8Array {
      return buildVitOnnx(planOf(genome), checkBatchSize(buildOptions.batchSize), checkSeed(buildOptions.seed), VIT_ID);
    },
  };
}

export const VIT_B16_ENTRY: SupernetEntry = {
  id: VIT_ID,
  title: TITLE,
  family: 'vit-b16',
  description:
    'depth 10-12, heads {6,8,10,12} and FFN {1024,2048,3072} per layer, 224 px; native config ' +
    '{num_hidden_layers, num_attention_heads: [...], intermediate_size: [...]}',
  create: (options: SupernetOptions) => createVitB16(options),
};
