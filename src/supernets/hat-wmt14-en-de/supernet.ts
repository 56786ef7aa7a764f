// The HAT WMT'14 En-De SuperTransformer as a Supernet descriptor.

import { badInput } from '../../core/errors.js';
import type { MacsConvention } from '../../onnx/types.js';
import type { Genome } from '../../space/types.js';
import { checkBatchSize, checkSeed } from '../ofa-common/onnx-options.js';
import type { CostBreakdown, CostReport, LatencyPlan, LatencyPlanOptions, OnnxBuildOptions, Supernet, SupernetEntry, SupernetOptions } from '../types.js';
import { HAT_DEFAULT_SOURCE_LENGTH, HAT_ID, hatPlan, type HatConfig, type HatPlan } from './architecture.js';
import { HAT_DEFAULT_LENGTHS, hatCosts, hatModelSize, type HatLengths } from './costs.js';
import { buildHatLatencyPlan, hatPlanLabel } from './latency-plan.js';
import { buildHatForwardOnnx } from './onnx-graph.js';
import { createHatSpace } from './space.js';

const TITLE = 'HAT SuperTransformer, WMT14 En-De (space0)';
const DESCRIPTION =
  "HAT (Wang et al., ACL 2020) WMT'14 En-De space0: embed 640/512 per side, 6 encoder layers with FFN 3072/2048/1024 and 8/4 heads, " +
  '1-6 decoder layers with FFN, self/cross heads and cross-attention over the last 1/2/3 encoder layers per layer; qkv 512, shared 32768-token embeddings';

export interface HatSupernet extends Supernet {
  config(genome: Genome): HatConfig;
  plan(genome: Genome): HatPlan;
  /** Exact costs of one teacher-forced pass over a source and target of the given lengths (default 30 and 30). */
  costsAt(genome: Genome, convention: MacsConvention, lengths: HatLengths): CostReport;
  /** Parameters without the embedding table: HAT's printed "model size". */
  modelSize(genome: Genome): number;
  buildOnnx(genome: Genome, options: OnnxBuildOptions): Uint8Array;
  latencyPlan(genome: Genome, options: LatencyPlanOptions): LatencyPlan;
  latencyPlanLabel(options: LatencyPlanOptions): string;
}

function checkLength(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 1 || value > 1024) throw badInput(field, `${value} is not a sentence length`, 'give a number of tokens from 1 to 1024');
  return value;
}

export function createHatWmt14EnDe(options: SupernetOptions = {}): HatSupernet {
  if (options.resolution !== undefined && options.resolution !== 'fixed') {
    throw badInput('resolution', `${HAT_ID} has no image resolution`, 'leave resolution out; sentence lengths are options of costs and latency');
  }
  if (options.fixedResolution !== undefined) {
    throw badInput('fixedResolution', `${HAT_ID} has no image resolution`, 'leave fixedResolution out');
  }
  const hatSpace = createHatSpace(HAT_ID, DESCRIPTION);
  const planOf = (genome: Genome): HatPlan => hatPlan(hatSpace.read(genome));
  const tallyAt = (genome: Genome, lengths: HatLengths): ReturnType<typeof hatCosts> =>
    hatCosts(planOf(genome), { sourceLength: checkLength(lengths.sourceLength, 'sourceLength'), targetLength: checkLength(lengths.targetLength, 'targetLength') });
  return {
    id: HAT_ID,
    title: TITLE,
    family: HAT_ID,
    description: DESCRIPTION,
    space: hatSpace.space,
    codec: hatSpace.codec,
    // Sequence models have no image size; the source length stands in where a resolution is printed.
    defaultResolution: HAT_DEFAULT_SOURCE_LENGTH,
    inputUnit: 'tokens',
    resolutions: [HAT_DEFAULT_SOURCE_LENGTH],
    config: (genome: Genome): HatConfig => hatSpace.read(genome),
    plan: planOf,
    costBreakdown: (genome: Genome): CostBreakdown => tallyAt(genome, HAT_DEFAULT_LENGTHS).result(),
    costs(genome: Genome, convention: MacsConvention): CostReport {
      const tally = tallyAt(genome, HAT_DEFAULT_LENGTHS);
      return { macs: tally.macs(convention), params: tally.params };
    },
    costsAt(genome: Genome, convention: MacsConvention, lengths: HatLengths): CostReport {
      const tally = tallyAt(genome, lengths);
      return { macs: tally.macs(convention), params: tally.params };
    },
    modelSize: (genome: Genome): number => hatModelSize(planOf(genome)),
    buildOnnx(genome: Genome, buildOptions: OnnxBuildOptions): Uint8Array {
      return buildHatForwardOnnx(planOf(genome), {
        batchSize: checkBatchSize(buildOptions.batchSize),
        seed: checkSeed(buildOptions.seed),
        ...HAT_DEFAULT_LENGTHS,
      });
    },
    latencyPlan(genome: Genome, planOptions: LatencyPlanOptions): LatencyPlan {
      return buildHatLatencyPlan(planOf(genome), planOptions);
    },
    latencyPlanLabel: hatPlanLabel,
  };
}

export const HAT_WMT14_EN_DE_ENTRY: SupernetEntry = {
  id: HAT_ID,
  title: TITLE,
  family: HAT_ID,
  description:
    'encoder_embed_dim, decoder_embed_dim {640,512}; 6 encoder layers x FFN {3072,2048,1024} x heads {8,4}; decoder_layer_num 1-6, per layer FFN, ' +
    'self/ende heads {8,4}, arbitrary_ende_attn {-1,1,2}; native config: HAT\'s {"encoder": {...}, "decoder": {...}} dict',
  create: (options: SupernetOptions) => createHatWmt14EnDe(options),
};
