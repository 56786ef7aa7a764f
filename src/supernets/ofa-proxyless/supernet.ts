// The OFA ProxylessNAS super-network at width 1.3 as a Supernet descriptor.

import { createOfaMobileSupernet, type OfaMobileSupernet } from '../ofa-common/mobile-supernet.js';
import { OFA_RESOLUTIONS } from '../ofa-common/resolution.js';
import type { SupernetEntry, SupernetOptions } from '../types.js';
import { PROXYLESS_MAX_DEPTH, proxylessPlan } from './architecture.js';

const ID = 'ofa-proxyless-w1.3';
const TITLE = 'Once-for-All ProxylessNAS, width 1.3';
const DESCRIPTION =
  'OFA ProxylessNAS (ofa_proxyless_d234_e346_k357_w1.3): 5 stages of depth 2-4 plus a single-block stage, kernel 3/5/7 and expand 3/4/6 per block, ReLU6, no SE';

export function createOfaProxyless(options: SupernetOptions = {}): OfaMobileSupernet {
  return createOfaMobileSupernet(
    {
      id: ID,
      title: TITLE,
      family: 'ofa-proxyless',
      description: DESCRIPTION,
      space: { elasticStages: 5, maxDepth: PROXYLESS_MAX_DEPTH, depthChoices: [2, 3, 4], kernelChoices: [3, 5, 7], expandChoices: [3, 4, 6], tailStages: 1 },
      trainedResolutions: OFA_RESOLUTIONS,
      plan: (config) => proxylessPlan(config, 1.3),
    },
    options,
  );
}

export const OFA_PROXYLESS_ENTRY: SupernetEntry = {
  id: ID,
  title: TITLE,
  family: 'ofa-proxyless',
  description: 'ks 21 x {3,5,7}, e 21 x {3,4,6}, d 5 x {2,3,4} (+ d[5] = 1); native config {ks, e, d, r}',
  create: (options: SupernetOptions) => createOfaProxyless(options),
};
