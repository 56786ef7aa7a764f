// The OFA ResNet50 super-network as a Supernet descriptor.

import type { MacsConvention } from '../../onnx/types.js';
import type { Genome } from '../../space/types.js';
import { checkBatchSize, checkSeed } from '../ofa-common/onnx-options.js';
import { OFA_RESOLUTIONS, planResolution, spaceName } from '../ofa-common/resolution.js';
import type { CostReport, OnnxBuildOptions, Supernet, SupernetEntry, SupernetOptions } from '../types.js';
import { resnetPlan, type ResNetPlan } from './architecture.js';
import { resnetPlanCosts } from './costs.js';
import { buildResNetOnnx } from './onnx-graph.js';
import { createOfaResNetSpace } from './space.js';

const ID = 'ofa-resnet50';
const TITLE = 'Once-for-All ResNet50';
const DESCRIPTION =
  'OFA ResNet50 (ofa_resnet50, ResNet-50-D design): stem residual conv on/off, 0-2 extra blocks per stage, bottleneck expand 0.2/0.25/0.35 per block, width x0.65/0.8/1.0 for 6 parts';

export interface OfaResNetSupernet extends Supernet {
  plan(genome: Genome): ResNetPlan;
  buildOnnx(genome: Genome, options: OnnxBuildOptions): Uint8Array;
}

export function createOfaResNet50(options: SupernetOptions = {}): OfaResNetSupernet {
  const resolution = planResolution(options, OFA_RESOLUTIONS);
  const resnetSpace = createOfaResNetSpace(spaceName(ID, resolution), DESCRIPTION, resolution);
  const planOf = (genome: Genome): ResNetPlan => resnetPlan(resnetSpace.read(genome));
  return {
    id: ID,
    title: TITLE,
    family: 'ofa-resnet50',
    description: DESCRIPTION,
    space: resnetSpace.space,
    codec: resnetSpace.codec,
    defaultResolution: resolution.defaultResolution,
    resolutions: resolution.resolutions,
    plan: planOf,
    costBreakdown: (genome) => resnetPlanCosts(planOf(genome)).result(),
    costs(genome: Genome, convention: MacsConvention): CostReport {
      const tally = resnetPlanCosts(planOf(genome));
      return { macs: tally.macs(convention), params: tally.params };
    },
    buildOnnx(genome: Genome, buildOptions: OnnxBuildOptions): Uint8Array {
      return buildResNetOnnx(planOf(genome), checkBatchSize(buildOptions.batchSize), checkSeed(buildOptions.seed), ID);
    },
  };
}

export const OFA_RESNET50_ENTRY: SupernetEntry = {
  id: ID,
  title: TITLE,
  family: 'ofa-resnet50',
  description: 'd 5 (d[0] in {0,2}, d[1..4] in {0,1,2}), e 18 x {0.2,0.25,0.35}, w 6 x {0,1,2}; native config {d, e, w, r}',
  create: (options: SupernetOptions) => createOfaResNet50(options),
};
