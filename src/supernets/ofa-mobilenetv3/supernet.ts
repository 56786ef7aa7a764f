// The OFA MobileNetV3 super-networks at width 1.0 and 1.2 as Supernet descriptors.

import { createOfaMobileSupernet, type OfaMobileSupernet } from '../ofa-common/mobile-supernet.js';
import { OFA_RESOLUTIONS, resolutionRange } from '../ofa-common/resolution.js';
import type { SupernetEntry, SupernetOptions } from '../types.js';
import { MBV3_MAX_DEPTH, mbv3Plan } from './architecture.js';

const SPACE = {
  elasticStages: 5,
  maxDepth: MBV3_MAX_DEPTH,
  depthChoices: [2, 3, 4],
  kernelChoices: [3, 5, 7],
  expandChoices: [3, 4, 6],
  tailStages: 0,
} as const;

export function createOfaMobileNetV3(widthMultiplier: 1.0 | 1.2, options: SupernetOptions = {}): OfaMobileSupernet {
  const width = widthMultiplier === 1.0 ? '1.0' : '1.2';
  return createOfaMobileSupernet(
    {
      id: `ofa-mbv3-w${width}`,
      title: `Once-for-All MobileNetV3, width ${width}`,
      family: 'ofa-mobilenetv3',
      description: `OFA MobileNetV3 (ofa_mbv3_d234_e346_k357_w${width}): 5 stages of depth 2-4, kernel 3/5/7 and expand ratio 3/4/6 per block, SE in stages 2, 4, 5, h-swish from stage 3`,
      space: SPACE,
      // OFA trained the width-1.2 network for 160-224 pixels, the width-1.0 one for 128-224.
      trainedResolutions: widthMultiplier === 1.0 ? OFA_RESOLUTIONS : resolutionRange(160, 224),
      plan: (config) => mbv3Plan(config, widthMultiplier),
    },
    options,
  );
}

export const OFA_MBV3_ENTRIES: readonly SupernetEntry[] = [1.0, 1.2].map((width) => {
  const label = width === 1.0 ? '1.0' : '1.2';
  return {
    id: `ofa-mbv3-w${label}`,
    title: `Once-for-All MobileNetV3, width ${label}`,
    family: 'ofa-mobilenetv3',
    description: `ks 20 x {3,5,7}, e 20 x {3,4,6}, d 5 x {2,3,4}; native config {ks, e, d, r}`,
    create: (options: SupernetOptions) => createOfaMobileNetV3(width as 1.0 | 1.2, options),
  };
});
