// Public names of the OFA ResNet50 family.

export { createOfaResNet50, OFA_RESNET50_ENTRY, type OfaResNetSupernet } from './supernet.js';
export { resnetPlan, resnetWidthTable, type BottleneckBlock, type OfaResNetConfig, type ResNetPlan } from './architecture.js';
