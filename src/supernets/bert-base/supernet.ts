// The elastic BERT-base super-network (InstaTune's BERT space) as a Supernet descriptor.

import type { MacsConvention } from '../../onnx/types.js';
import type { Genome } from '../../space/types.js';
import { checkBatchSize, checkSeed } from '../ofa-common/onnx-options.js';
import type { ElasticEncoderConfig } from '../transformer-encoder/elastic-space.js';
import { checkFixedInput } from '../transformer-encoder/fixed-input.js';
import type { CostReport, OnnxBuildOptions, Supernet, SupernetEntry, SupernetOptions } from '../types.js';
import { BERT_SEQUENCE_LENGTH, bertPlan, type BertPlan } from './architecture.js';
import { bertPlanCosts } from './costs.js';
import { buildBertOnnx } from './onnx-graph.js';
import { BERT_ID, createBertSpace } from './space.js';

const TITLE = 'BERT-base, elastic (InstaTune)';
const DESCRIPTION =
  'BERT-base (Hugging Face BertModel with pooler, hidden 768) on 128-token sequences: 6-12 layers, per layer ' +
  '6/8/10/12 attention heads of 64 and feed-forward width 1024/2048/3072';

export interface BertSupernet extends Supernet {
  config(genome: Genome): ElasticEncoderConfig;
  plan(genome: Genome): BertPlan;
  buildOnnx(genome: Genome, options: OnnxBuildOptions): Uint8Array;
}

export function createBertBase(options: SupernetOptions = {}): BertSupernet {
  checkFixedInput(BERT_ID, options, BERT_SEQUENCE_LENGTH, `sequences of ${BERT_SEQUENCE_LENGTH} tokens`);
  const bertSpace = createBertSpace(DESCRIPTION);
  const planOf = (genome: Genome): BertPlan => bertPlan(bertSpace.read(genome));
  return {
    id: BERT_ID,
    title: TITLE,
    family: 'bert-base',
    description: DESCRIPTION,
    space: bertSpace.space,
    codec: bertSpace.codec,
    // The "resolution" of a sequence model is its sequence length.
    defaultResolution: BERT_SEQUENCE_LENGTH,
    inputUnit: 'tokens',
    resolutions: [BERT_SEQUENCE_LENGTH],
    config: (genome: Genome): ElasticEncoderConfig => bertSpace.read(genome),
    plan: planOf,
    costBreakdown: (genome) => bertPlanCosts(planOf(genome)).result(),
    costs(genome: Genome, convention: MacsConvention): CostReport {
      const tally = bertPlanCosts(planOf(genome));
      return { macs: tally.macs(convention), params: tally.params };
    },
    buildOnnx(genome: Genome, buildOptions: OnnxBuildOptions): Uint8Array {
      return buildBertOnnx(planOf(genome), checkBatchSize(buildOptions.batchSize), checkSeed(buildOptions.seed), BERT_ID);
    },
  };
}

export const BERT_BASE_ENTRY: SupernetEntry = {
  id: BERT_ID,
  title: TITLE,
  family: 'bert-base',
  description:
    'depth 6-12, heads {6,8,10,12} and FFN {1024,2048,3072} per layer, 128 tokens; native config ' +
    '{num_hidden_layers, num_attention_heads: [...], intermediate_size: [...]}',
  create: (options: SupernetOptions) => createBertBase(options),
};
