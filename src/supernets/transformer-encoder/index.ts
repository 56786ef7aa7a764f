// Public names of the shared elastic Transformer encoder: layer description, costs, ONNX emitters, space.

export {
  attentionWidth,
  encoderLayerParams,
  FFN_CHOICES,
  HEAD_CHOICES,
  HEAD_SIZE,
  HIDDEN_SIZE,
  MAX_LAYERS,
  type AttentionScaling,
  type EncoderLayer,
  type EncoderSpec,
  type NormPlacement,
} from './architecture.js';
export { addEncoderCosts, addEncoderLayerCosts } from './costs.js';
export { denseLayer, encoderLayer, encoderStack, feedForward, layerNormLayer, selfAttention, type DenseSpec } from './onnx-layers.js';
export { createElasticEncoderSpace, DEPTH_GENE, encoderLayersOf, type ElasticEncoderConfig, type ElasticEncoderSpace } from './elastic-space.js';
