// Public names of the ONNX folder: build graphs, serialise them, infer shapes, count MACs and parameters.

export type {
  AttributeValue,
  GraphSpec,
  InitializerRole,
  MacsConvention,
  ModelSpec,
  NodeSpec,
  TensorDataType,
  TensorSpec,
  ValueInfoSpec,
} from './types.js';
export { MACS_CONVENTIONS, attr } from './types.js';
export { GraphBuilder, type ConvOptions, type GraphBuilderOptions, type PoolOptions } from './graph-builder.js';
export { serializeModel, parseModel } from './serialize.js';
export { inferShapes, broadcastShapes, windowOutputSize, SUPPORTED_OPS, type Shape } from './shape-inference.js';
export { countGraphBreakdown, countGraphMacs, countGraphParams } from './count-graph.js';
export { EMPTY_BREAKDOWN, isMacsConvention, macsOf, parseMacsConvention, type MacBreakdown } from './macs-convention.js';
export { batchNormLayer, convLayer, linearLayer, type ConvLayerSpec } from './layers.js';
export { fillUniform, jitteredValues, uniformWeights } from './weights.js';
