// Reads the super-network's weight file (safetensors layout) and cuts sub-network tensors out of it.
//
// Layout: 8-byte little-endian header length N, N bytes of JSON {name: {dtype, shape, data_offsets}, __metadata__},
// then the raw little-endian data. Only F32 tensors are used. Every tensor of the architecture is checked
// against its expected shape on load, so a file from another version fails at once with the tensor's name.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CarveError } from '../../core/errors.js';
import {
  HEAD_CHANNELS,
  FASHION_OFA_CLASSES,
  MAX_DEPTH,
  STAGES,
  STEM_CHANNELS,
  maxHiddenChannels,
  stageInputChannels,
} from './architecture.js';

export interface WeightTensor {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

function badFile(source: string, message: string): CarveError {
  return new CarveError('BAD_INPUT', `${source}: ${message}`, {
    field: 'weights',
    hint: 'use the fashion-ofa.safetensors written by supernets/fashion-ofa/train.py',
  });
}

function product(shape: readonly number[]): number {
  return shape.reduce((total, dim) => total * dim, 1);
}

/** Parses a safetensors byte buffer into float32 tensors by name (data copied, so any alignment works). */
export function parseSafetensors(bytes: Uint8Array, source = 'weights'): { tensors: Map<string, WeightTensor>; metadata: Record<string, string> } {
  if (bytes.length < 8) throw badFile(source, 'file is too short to be a safetensors file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = Number(view.getBigUint64(0, true));
  if (headerLength > bytes.length - 8) throw badFile(source, `header length ${headerLength} exceeds the file`);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as Record<string, unknown>;
  } catch (error) {
    throw badFile(source, `header is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const base = 8 + headerLength;
  const tensors = new Map<string, WeightTensor>();
  let metadata: Record<string, string> = {};
  for (const [name, entry] of Object.entries(header)) {
    if (name === '__metadata__') {
      metadata = entry as Record<string, string>;
      continue;
    }
    const spec = entry as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (spec.dtype !== 'F32') throw badFile(source, `tensor "${name}" has dtype ${String(spec.dtype)}, expected F32`);
    const shape = spec.shape as number[];
    const [begin, end] = spec.data_offsets as [number, number];
    if (end - begin !== 4 * product(shape) || base + end > bytes.length) {
      throw badFile(source, `tensor "${name}" has inconsistent offsets`);
    }
    const data = new Float32Array(product(shape));
    const tensorView = new DataView(bytes.buffer, bytes.byteOffset + base + begin, end - begin);
    for (let index = 0; index < data.length; index += 1) data[index] = tensorView.getFloat32(4 * index, true);
    tensors.set(name, { shape, data });
  }
  return { tensors, metadata };
}

/** Every tensor the architecture needs, with its full (super-network) shape. */
export function expectedTensorShapes(): Map<string, readonly number[]> {
  const shapes = new Map<string, readonly number[]>();
  shapes.set('stem.conv.weight', [STEM_CHANNELS, 1, 3, 3]);
  shapes.set('stem.norm.weight', [STEM_CHANNELS]);
  shapes.set('stem.norm.bias', [STEM_CHANNELS]);
  STAGES.forEach((stageSpec, stage) => {
    for (let slot = 0; slot < MAX_DEPTH; slot += 1) {
      const prefix = blockPrefix(stage, slot);
      const inChannels = slot === 0 ? stageInputChannels(stage) : stageSpec.outChannels;
      const hidden = maxHiddenChannels(stage, slot);
      shapes.set(`${prefix}.expand.weight`, [hidden, inChannels, 1, 1]);
      shapes.set(`${prefix}.expand_norm.weight`, [hidden]);
      shapes.set(`${prefix}.expand_norm.bias`, [hidden]);
      shapes.set(`${prefix}.depthwise.k5.weight`, [hidden, 1, 5, 5]);
      shapes.set(`${prefix}.depthwise.k3.weight`, [hidden, 1, 3, 3]);
      shapes.set(`${prefix}.depthwise_norm.weight`, [hidden]);
      shapes.set(`${prefix}.depthwise_norm.bias`, [hidden]);
      shapes.set(`${prefix}.project.weight`, [stageSpec.outChannels, hidden, 1, 1]);
      shapes.set(`${prefix}.project_norm.weight`, [stageSpec.outChannels]);
      shapes.set(`${prefix}.project_norm.bias`, [stageSpec.outChannels]);
    }
  });
  const lastChannels = (STAGES[STAGES.length - 1] as { outChannels: number }).outChannels;
  shapes.set('head.conv.weight', [HEAD_CHANNELS, lastChannels, 1, 1]);
  shapes.set('head.norm.weight', [HEAD_CHANNELS]);
  shapes.set('head.norm.bias', [HEAD_CHANNELS]);
  shapes.set('classifier.weight', [FASHION_OFA_CLASSES, HEAD_CHANNELS]);
  shapes.set('classifier.bias', [FASHION_OFA_CLASSES]);
  return shapes;
}

export function blockPrefix(stage: number, slot: number): string {
  return `stages.${stage}.blocks.${slot}`;
}

/** The trained super-network weights; sub-network layers are leading slices of them. */
export class FashionOfaWeights {
  readonly metadata: Readonly<Record<string, string>>;
  /** First 12 hex digits of the file's SHA-256: evaluator ids include it, so retrained weights get new ids. */
  readonly digest: string;
  private readonly tensors: ReadonlyMap<string, WeightTensor>;

  constructor(bytes: Uint8Array, source = 'weights') {
    const parsed = parseSafetensors(bytes, source);
    for (const [name, shape] of expectedTensorShapes()) {
      const tensor = parsed.tensors.get(name);
      if (tensor === undefined) throw badFile(source, `tensor "${name}" is missing`);
      if (tensor.shape.length !== shape.length || tensor.shape.some((dim, axis) => dim !== shape[axis])) {
        throw badFile(source, `tensor "${name}" has shape [${tensor.shape.join(', ')}], expected [${shape.join(', ')}]`);
      }
    }
    this.tensors = parsed.tensors;
    this.metadata = parsed.metadata;
    this.digest = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
  }

  static fromFile(path: string): FashionOfaWeights {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(path);
    } catch (error) {
      throw new CarveError('NOT_FOUND', `cannot read the fashion-ofa weights at ${path}`, {
        field: 'weights',
        hint: 'point to supernets/fashion-ofa/fashion-ofa.safetensors of the carve checkout',
        cause: error,
      });
    }
    return new FashionOfaWeights(bytes, path);
  }

  tensor(name: string): WeightTensor {
    const tensor = this.tensors.get(name);
    if (tensor === undefined) throw new CarveError('INTERNAL', `fashion-ofa weights have no tensor "${name}"`);
    return tensor;
  }

  /** The first `count` entries along axis 0 (output channels), with the remaining axes whole. */
  leading(name: string, count: number): WeightTensor {
    const { shape, data } = this.tensor(name);
    const rowSize = product(shape.slice(1));
    return { shape: [count, ...shape.slice(1)], data: data.slice(0, count * rowSize) };
  }

  /** The first `count` entries along axis 1 (input channels) of every row, remaining axes whole. */
  leadingInputs(name: string, count: number): WeightTensor {
    const { shape, data } = this.tensor(name);
    const rows = shape[0] as number;
    const columns = shape[1] as number;
    const inner = product(shape.slice(2));
    const result = new Float32Array(rows * count * inner);
    for (let row = 0; row < rows; row += 1) {
      result.set(data.subarray(row * columns * inner, (row * columns + count) * inner), row * count * inner);
    }
    return { shape: [rows, count, ...shape.slice(2)], data: result };
  }
}
