// Public names of the space folder: search spaces, their enumeration, feature encoders, spec files, native codec.

export type {
  Condition,
  EncodingKind,
  FeatureEncoder,
  GeneSpec,
  GeneValue,
  Genome,
  NativeCodec,
  SearchSpace,
  SpaceSpec,
} from './types.js';
export { createSearchSpace } from './search-space.js';
export { enumerateGenomes } from './enumerate.js';
export { singleGeneNeighbours } from './neighbours.js';
export { ORDINAL_INACTIVE, concatenateEncoders, createEncoder, encodeMany, withProxyColumn } from './encoders.js';
export { loadSpaceSpec, parseSpaceSpec, type SpaceSpecFormat } from './spec-file.js';
export { createRecordCodec } from './native-codec.js';
