// Exact analytic costs of a BERT-base sub-network (BertModel forward with the default all-ones attention mask).

import { CostTally } from '../cost-tally.js';
import { addEncoderCosts } from '../transformer-encoder/costs.js';
import type { BertPlan } from './architecture.js';

export function bertPlanCosts(plan: BertPlan): CostTally {
  const tally = new CostTally();
  const { hidden, tokens } = plan.encoder;
  // Word, position and token-type embeddings are lookups (no MACs), summed, then LayerNorm.
  tally.addParams((plan.vocabSize + plan.maxPositions + plan.typeVocabSize) * hidden);
  tally.layerNorm(hidden, tokens * hidden);
  // The extended mask (1 - mask) * finfo.min: one multiply per token (HF's get_extended_attention_mask).
  tally.multiply(tokens);
  addEncoderCosts(tally, plan.encoder);
  // Pooler: dense on the first token, then tanh.
  tally.linear({ inFeatures: hidden, outFeatures: hidden, rows: 1 });
  return tally;
}
