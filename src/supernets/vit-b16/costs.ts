// Exact analytic costs of a ViT-B/16 sub-network, following timm's VisionTransformer forward (eager attention).

import { CostTally } from '../cost-tally.js';
import { addEncoderCosts } from '../transformer-encoder/costs.js';
import type { VitPlan } from './architecture.js';

export function vitPlanCosts(plan: VitPlan): CostTally {
  const tally = new CostTally();
  const { hidden, tokens } = plan.encoder;
  const grid = plan.imageSize / plan.patchSize;
  // Patch embedding: a 16x16 stride-16 conv with bias, 3 -> 768 channels.
  tally.conv2d({ inChannels: 3, outChannels: hidden, kernel: plan.patchSize, outHeight: grid, outWidth: grid, bias: true });
  // Class token and learned position embedding (added, no MACs).
  tally.addParams(hidden + tokens * hidden);
  addEncoderCosts(tally, plan.encoder);
  // Final LayerNorm over every token, then the head on the class token.
  tally.layerNorm(hidden, tokens * hidden);
  tally.linear({ inFeatures: hidden, outFeatures: plan.classes, rows: 1 });
  return tally;
}
