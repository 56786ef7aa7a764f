// Public names of the elastic ViT-B/16 family.

export { createVitB16, VIT_B16_ENTRY, type VitSupernet } from './supernet.js';
export { vitPlan, VIT_IMAGE_SIZE, type VitPlan } from './architecture.js';
export { VIT_INPUT_NAME } from './onnx-graph.js';
