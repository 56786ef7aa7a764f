// Input resolution of OFA sub-networks: fixed (one value, no gene) or elastic (a gene over 128..224 step 4).

import { badInput } from '../../core/errors.js';
import type { GeneSpec } from '../../space/types.js';
import type { SupernetOptions } from '../types.js';

/** Input sizes from `low` to `high` in steps of 4, as OFA trains them. */
export function resolutionRange(low: number, high: number): number[] {
  return Array.from({ length: (high - low) / 4 + 1 }, (_, index) => low + 4 * index);
}

/** The resolutions most OFA networks were trained for: 128 to 224 in steps of 4 (25 values). */
export const OFA_RESOLUTIONS: readonly number[] = resolutionRange(128, 224);
export const OFA_DEFAULT_RESOLUTION = 224;
export const RESOLUTION_GENE = 'r';

export interface ResolutionPlan {
  /** The `r` gene when resolution is elastic. */
  readonly gene: GeneSpec | undefined;
  readonly resolutions: readonly number[];
  readonly defaultResolution: number;
}

/** `trained` lists the resolutions of the elastic gene (the family's training range). */
export function planResolution(options: SupernetOptions, trained: readonly number[] = OFA_RESOLUTIONS): ResolutionPlan {
  const mode = options.resolution ?? 'fixed';
  if (mode !== 'fixed' && mode !== 'elastic') {
    throw badInput('resolution', `unknown resolution mode ${JSON.stringify(mode)}`, 'use "fixed" or "elastic"');
  }
  if (mode === 'elastic') {
    if (options.fixedResolution !== undefined) {
      throw badInput('fixedResolution', 'a fixed resolution was given for an elastic-resolution space', 'drop fixedResolution or use resolution "fixed"');
    }
    return {
      gene: { name: RESOLUTION_GENE, choices: trained, description: 'input resolution (square), pixels' },
      resolutions: trained,
      defaultResolution: OFA_DEFAULT_RESOLUTION,
    };
  }
  const fixed = options.fixedResolution ?? OFA_DEFAULT_RESOLUTION;
  if (!Number.isInteger(fixed) || fixed < 32 || fixed > 1024) {
    throw badInput('fixedResolution', `${fixed} is not a usable input resolution`, 'give an integer from 32 to 1024, e.g. 224');
  }
  return { gene: undefined, resolutions: [fixed], defaultResolution: fixed };
}

/**
 * The resolution of a native config: `r` as a number or a one-element list (DyNAS-T writes `[224]`), else
 * `image_size`; absent means the space's default. Must be one of the space's resolutions.
 */
export function readNativeResolution(config: Record<string, unknown>, plan: ResolutionPlan): number {
  const key = config['r'] !== undefined ? 'r' : config['image_size'] !== undefined ? 'image_size' : undefined;
  if (key === undefined) return plan.defaultResolution;
  const raw = config[key];
  const value = Array.isArray(raw) && raw.length === 1 ? raw[0] : raw;
  if (typeof value !== 'number' || !plan.resolutions.includes(value)) {
    const hint =
      plan.gene === undefined
        ? `this space has the fixed resolution ${plan.defaultResolution}; give r = ${plan.defaultResolution} or use the elastic-resolution space (resolution "elastic")`
        : `use one of ${plan.resolutions[0]}, ${plan.resolutions[1]}, …, ${plan.resolutions[plan.resolutions.length - 1]} (steps of 4)`;
    throw badInput(`config.${key}`, `${JSON.stringify(raw)} is not a resolution of this space`, hint);
  }
  return value;
}

/**
 * The space name, which ids of stored measurements include: `<id>` at the default resolution, `<id>@160` at
 * another fixed one, `<id>+r` with the resolution gene (its keys have one more gene).
 */
export function spaceName(id: string, plan: ResolutionPlan): string {
  if (plan.gene !== undefined) return `${id}+r`;
  return plan.defaultResolution === OFA_DEFAULT_RESOLUTION ? id : `${id}@${plan.defaultResolution}`;
}
