// ONNX protobuf bytes from a ModelSpec and back, through onnx-proto.

import onnxProto from 'onnx-proto';
import type { onnx as OnnxTypes } from 'onnx-proto';
import { CarveError } from '../core/errors.js';
import type { AttributeValue, InitializerRole, ModelSpec, NodeSpec, TensorSpec, TensorDataType, ValueInfoSpec } from './types.js';

const { onnx } = onnxProto;

const FLOAT = 1;
const INT64 = 7;
const ROLE_TAG = 'carve-role:';
const ROLES: readonly InitializerRole[] = ['parameter', 'buffer', 'constant'];

const ATTRIBUTE_TYPE = { FLOAT: 1, INT: 2, STRING: 3, FLOATS: 6, INTS: 7 } as const;

function elemType(dataType: TensorDataType): number {
  return dataType === 'float32' ? FLOAT : INT64;
}

function encodeAttribute(name: string, value: AttributeValue): OnnxTypes.IAttributeProto {
  switch (value.kind) {
    case 'int':
      return { name, type: ATTRIBUTE_TYPE.INT, i: value.value };
    case 'float':
      return { name, type: ATTRIBUTE_TYPE.FLOAT, f: value.value };
    case 'ints':
      return { name, type: ATTRIBUTE_TYPE.INTS, ints: [...value.value] };
    case 'floats':
      return { name, type: ATTRIBUTE_TYPE.FLOATS, floats: [...value.value] };
    case 'string':
      return { name, type: ATTRIBUTE_TYPE.STRING, s: new TextEncoder().encode(value.value) };
  }
}

function encodeValueInfo(info: ValueInfoSpec): OnnxTypes.IValueInfoProto {
  const dims = info.shape.map((dim) => (typeof dim === 'number' ? { dimValue: dim } : { dimParam: dim }));
  return {
    name: info.name,
    type: { tensorType: { elemType: elemType(info.dataType), ...(info.shape.length === 0 && dims.length === 0 ? {} : { shape: { dim: dims } }) } },
  };
}

function encodeTensor(tensor: TensorSpec): OnnxTypes.ITensorProto {
  return {
    name: tensor.name,
    dims: [...tensor.dims],
    dataType: elemType(tensor.dataType),
    // Raw little-endian bytes: no per-element encoding, so multi-megabyte weights serialise quickly.
    rawData: new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength),
    docString: `${ROLE_TAG}${tensor.role}`,
  };
}

/** Serialises a model to ONNX protobuf bytes (what onnxruntime loads). */
export function serializeModel(model: ModelSpec): Uint8Array {
  const { graph } = model;
  const message = onnx.ModelProto.create({
    irVersion: model.irVersion,
    producerName: model.producerName,
    opsetImport: [{ domain: '', version: model.opsetVersion }],
    graph: {
      name: graph.name,
      node: graph.nodes.map((node) => ({
        name: node.name,
        opType: node.opType,
        input: [...node.inputs],
        output: [...node.outputs],
        attribute: Object.entries(node.attributes).map(([name, value]) => encodeAttribute(name, value)),
      })),
      initializer: graph.initializers.map(encodeTensor),
      input: graph.inputs.map(encodeValueInfo),
      output: graph.outputs.map(encodeValueInfo),
    },
  });
  return onnx.ModelProto.encode(message).finish();
}

type LongLike = number | { toNumber(): number };

function toNumber(value: LongLike | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : value.toNumber();
}

function decodeAttribute(attribute: OnnxTypes.IAttributeProto): AttributeValue | undefined {
  switch (attribute.type) {
    case ATTRIBUTE_TYPE.INT:
      return { kind: 'int', value: toNumber(attribute.i as LongLike | null | undefined) };
    case ATTRIBUTE_TYPE.FLOAT:
      return { kind: 'float', value: attribute.f ?? 0 };
    case ATTRIBUTE_TYPE.INTS:
      return { kind: 'ints', value: (attribute.ints ?? []).map((value) => toNumber(value as LongLike)) };
    case ATTRIBUTE_TYPE.FLOATS:
      return { kind: 'floats', value: [...(attribute.floats ?? [])] };
    case ATTRIBUTE_TYPE.STRING:
      return { kind: 'string', value: new TextDecoder().decode(attribute.s ?? new Uint8Array()) };
    default:
      return undefined; // graphs and tensors as attributes are not used by carve's operators
  }
}

function decodeTensor(tensor: OnnxTypes.ITensorProto, fallbackRole: InitializerRole): TensorSpec {
  const name = tensor.name ?? '';
  const dims = (tensor.dims ?? []).map((dim) => toNumber(dim as LongLike));
  const count = dims.reduce((product, dim) => product * dim, 1);
  const raw = tensor.rawData;
  const tag = tensor.docString ?? '';
  const taggedRole = tag.startsWith(ROLE_TAG) ? (tag.slice(ROLE_TAG.length) as InitializerRole) : undefined;
  if (tensor.dataType === FLOAT) {
    let data: Float32Array;
    if (raw !== null && raw !== undefined && raw.byteLength > 0) {
      // Copy into a fresh aligned buffer: decoded bytes may be a view into a larger pool at any offset.
      data = new Float32Array(new Uint8Array(raw).buffer, 0, count);
    } else {
      data = Float32Array.from(tensor.floatData ?? []);
    }
    return { name, dataType: 'float32', dims, data, role: taggedRole !== undefined && ROLES.includes(taggedRole) ? taggedRole : fallbackRole };
  }
  if (tensor.dataType === INT64) {
    let data: BigInt64Array;
    if (raw !== null && raw !== undefined && raw.byteLength > 0) {
      data = new BigInt64Array(new Uint8Array(raw).buffer, 0, count);
    } else {
      data = BigInt64Array.from((tensor.int64Data ?? []).map((value) => BigInt(toNumber(value as LongLike))));
    }
    return { name, dataType: 'int64', dims, data, role: 'constant' };
  }
  throw new CarveError('BAD_INPUT', `initializer "${name}" has data type ${tensor.dataType}, which carve does not read`, {
    field: `graph.initializers.${name}`,
    hint: 'carve reads float32 and int64 initializers',
  });
}

function decodeValueInfo(info: OnnxTypes.IValueInfoProto): ValueInfoSpec {
  const tensorType = info.type?.tensorType;
  const dataType: TensorDataType = tensorType?.elemType === INT64 ? 'int64' : 'float32';
  const shape = (tensorType?.shape?.dim ?? []).map((dim) =>
    dim.dimParam !== null && dim.dimParam !== undefined && dim.dimParam !== '' ? dim.dimParam : toNumber(dim.dimValue as LongLike | null | undefined),
  );
  return { name: info.name ?? '', dataType, shape };
}

/**
 * Reads ONNX protobuf bytes into a ModelSpec. Initializers carry their role when carve wrote them; in
 * foreign models batch-norm statistics are marked as buffers and other float initializers as parameters.
 */
export function parseModel(bytes: Uint8Array): ModelSpec {
  let message: OnnxTypes.ModelProto;
  try {
    message = onnx.ModelProto.decode(bytes);
  } catch (error) {
    throw new CarveError('BAD_INPUT', 'the bytes are not an ONNX model', { field: 'model', cause: error, hint: 'pass the bytes of an .onnx file' });
  }
  const graph = message.graph;
  const nodes: NodeSpec[] = (graph?.node ?? []).map((node, index) => {
    const attributes: Record<string, AttributeValue> = {};
    for (const attribute of node.attribute ?? []) {
      const value = decodeAttribute(attribute);
      if (value !== undefined && attribute.name !== null && attribute.name !== undefined) attributes[attribute.name] = value;
    }
    return {
      name: node.name !== null && node.name !== undefined && node.name !== '' ? node.name : `node_${index}`,
      opType: node.opType ?? '',
      inputs: [...(node.input ?? [])],
      outputs: [...(node.output ?? [])],
      attributes,
    };
  });
  const statistics = new Set(nodes.filter((node) => node.opType === 'BatchNormalization').flatMap((node) => node.inputs.slice(3, 5)));
  const initializers = (graph?.initializer ?? []).map((tensor) => decodeTensor(tensor, statistics.has(tensor.name ?? '') ? 'buffer' : 'parameter'));
  const initializerNames = new Set(initializers.map((tensor) => tensor.name));
  const opset = (message.opsetImport ?? []).find((entry) => entry.domain === '' || entry.domain === null || entry.domain === undefined);
  return {
    graph: {
      name: graph?.name ?? 'graph',
      // Older models also list initializers as inputs; only true inputs are kept.
      inputs: (graph?.input ?? []).map(decodeValueInfo).filter((info) => !initializerNames.has(info.name)),
      outputs: (graph?.output ?? []).map(decodeValueInfo),
      initializers,
      nodes,
    },
    opsetVersion: toNumber(opset?.version as LongLike | null | undefined),
    irVersion: toNumber(message.irVersion as LongLike | null | undefined),
    producerName: message.producerName ?? '',
  };
}
