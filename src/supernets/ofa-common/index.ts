// Public names of the pieces OFA families share: channel rules, resolutions, mobile spaces, plans and graphs.

export { convOutputSize, makeDivisible, roundHalfEven } from './channels.js';
export {
  OFA_DEFAULT_RESOLUTION,
  OFA_RESOLUTIONS,
  RESOLUTION_GENE,
  planResolution,
  readNativeResolution,
  resolutionRange,
  spaceName,
  type ResolutionPlan,
} from './resolution.js';
export { createOfaMobileSpace, type OfaMobileConfig, type OfaMobileSpace, type OfaMobileSpaceSpec } from './mobile-space.js';
export {
  midChannelsFor,
  mobilePlanCosts,
  seChannelsFor,
  type MbConvBlock,
  type MobileActivation,
  type MobileHead,
  type MobilePlan,
} from './mobile-plan.js';
export { MOBILE_INPUT_NAME, buildMobilePlanModel, buildMobilePlanOnnx } from './mobile-onnx.js';
export { createOfaMobileSupernet, type OfaMobileFamily, type OfaMobileSupernet } from './mobile-supernet.js';
export { checkBatchSize, checkSeed } from './onnx-options.js';
