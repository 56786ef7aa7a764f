// Public names of the supernets folder: the descriptor types, the registry, shared cost tools and the OFA families.

export type {
  CostBreakdown,
  CostReport,
  LatencyFeed,
  LatencyPlan,
  LatencyPlanOptions,
  LatencyPlanStep,
  MacBreakdown,
  MacsConvention,
  OnnxBuildOptions,
  Supernet,
  SupernetEntry,
  SupernetOptions,
} from './types.js';
export { getSupernet, listSupernets, registerSupernet, resolveNativeConfig } from './registry.js';
export { CostTally, type ConvCost, type LinearCost } from './cost-tally.js';
export { describeValue, readChoice, readConfigObject, readList } from './native-config.js';
export { OFA_DEFAULT_RESOLUTION, OFA_RESOLUTIONS, makeDivisible, roundHalfEven, type OfaMobileConfig } from './ofa-common/index.js';
export { createOfaMobileNetV3 } from './ofa-mobilenetv3/index.js';
export { createOfaProxyless } from './ofa-proxyless/index.js';
export { createOfaResNet50, type OfaResNetConfig } from './ofa-resnet50/index.js';
export { createHatWmt14EnDe, type HatConfig } from './hat-wmt14-en-de/index.js';
export { createBertBase, type BertSupernet } from './bert-base/index.js';
export { createVitB16, type VitSupernet } from './vit-b16/index.js';
export type { ElasticEncoderConfig } from './transformer-encoder/index.js';
export { supernetFeatures } from './supernet-features.js';
