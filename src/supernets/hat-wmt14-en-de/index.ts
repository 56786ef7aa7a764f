// Public names of the HAT WMT'14 En-De family.

export { createHatWmt14EnDe, HAT_WMT14_EN_DE_ENTRY, type HatSupernet } from './supernet.js';
export { hatPlan, HAT_ID, type HatConfig, type HatPlan } from './architecture.js';
export { hatCosts, hatModelSize, type HatLengths } from './costs.js';
export { hatTranslationMacs, type HatTranslationShape } from './translation-costs.js';
export { buildHatLatencyPlan, hatPlanLabel } from './latency-plan.js';
