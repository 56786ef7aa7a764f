// Assembles a Supernet descriptor for an OFA mobile family from its space spec and its plan function.

import type { Genome } from '../../space/types.js';
import type { MacsConvention } from '../../onnx/types.js';
import type { CostBreakdown, CostReport, OnnxBuildOptions, Supernet, SupernetOptions } from '../types.js';
import { buildMobilePlanOnnx } from './mobile-onnx.js';
import { mobilePlanCosts, type MobilePlan } from './mobile-plan.js';
import { createOfaMobileSpace, type OfaMobileConfig, type OfaMobileSpaceSpec } from './mobile-space.js';
import { planResolution, spaceName } from './resolution.js';
import { checkBatchSize, checkSeed } from './onnx-options.js';

export interface OfaMobileFamily {
  readonly id: string;
  readonly title: string;
  readonly family: string;
  readonly description: string;
  readonly space: Omit<OfaMobileSpaceSpec, 'name' | 'description' | 'resolution'>;
  /** Resolutions the super-network was trained for (the elastic `r` gene's choices). */
  readonly trainedResolutions: readonly number[];
  plan(config: OfaMobileConfig): MobilePlan;
}

export interface OfaMobileSupernet extends Supernet {
  /** The resolved layer plan of a genome (channels, kernels, strides), for inspection and tests. */
  plan(genome: Genome): MobilePlan;
  buildOnnx(genome: Genome, options: OnnxBuildOptions): Uint8Array;
}

export function createOfaMobileSupernet(family: OfaMobileFamily, options: SupernetOptions): OfaMobileSupernet {
  const resolution = planResolution(options, family.trainedResolutions);
  const mobileSpace = createOfaMobileSpace({
    ...family.space,
    name: spaceName(family.id, resolution),
    description: family.description,
    resolution,
  });
  const planOf = (genome: Genome): MobilePlan => family.plan(mobileSpace.read(genome));
  const costBreakdown = (genome: Genome): CostBreakdown => mobilePlanCosts(planOf(genome)).result();
  return {
    id: family.id,
    title: family.title,
    family: family.family,
    description: family.description,
    space: mobileSpace.space,
    codec: mobileSpace.codec,
    defaultResolution: resolution.defaultResolution,
    resolutions: resolution.resolutions,
    plan: planOf,
    costBreakdown,
    costs(genome: Genome, convention: MacsConvention): CostReport {
      const tally = mobilePlanCosts(planOf(genome));
      return { macs: tally.macs(convention), params: tally.params };
    },
    buildOnnx(genome: Genome, buildOptions: OnnxBuildOptions): Uint8Array {
      return buildMobilePlanOnnx(planOf(genome), checkBatchSize(buildOptions.batchSize), checkSeed(buildOptions.seed), family.id);
    },
  };
}
