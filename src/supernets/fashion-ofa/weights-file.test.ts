import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseIdx } from './held-out.js';
import { expectedTensorShapes, FashionOfaWeights, parseSafetensors } from './weights-file.js';

/** A safetensors file from named float32 tensors (what train.py writes). */
function safetensors(tensors: Record<string, { shape: number[]; values: number[] }>, dtype = 'F32'): Uint8Array {
  const header: Record<string, unknown> = { __metadata__: { format: 'test' } };
  let offset = 0;
  for (const [name, tensor] of Object.entries(tensors)) {
    header[name] = { dtype, shape: tensor.shape, data_offsets: [offset, offset + 4 * tensor.values.length] };
    offset += 4 * tensor.values.length;
  }
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const bytes = new Uint8Array(8 + headerBytes.length + offset);
  const view = new DataView(bytes.buffer);
  view.setBigUint64(0, BigInt(headerBytes.length), true);
  bytes.set(headerBytes, 8);
  let position = 8 + headerBytes.length;
  for (const tensor of Object.values(tensors)) {
    for (const value of tensor.values) {
      view.setFloat32(position, value, true);
      position += 4;
    }
  }
  return bytes;
}

/** Every tensor of the architecture, each value equal to its flat index (so slices are easy to predict). */
function fullFile(overrides: Record<string, { shape: number[]; values: number[] }> = {}): Uint8Array {
  const tensors: Record<string, { shape: number[]; values: number[] }> = {};
  for (const [name, shape] of expectedTensorShapes()) {
    const size = shape.reduce((total, dim) => total * dim, 1);
    tensors[name] = { shape: [...shape], values: Array.from({ length: size }, (_, index) => index) };
  }
  return safetensors({ ...tensors, ...overrides });
}

describe('parseSafetensors', () => {
  it('reads shapes, little-endian values and metadata', () => {
    const parsed = parseSafetensors(safetensors({ a: { shape: [2, 2], values: [1.5, -2, 0.25, 8] }, b: { shape: [1], values: [3] } }));
    expect(parsed.metadata).toEqual({ format: 'test' });
    expect(parsed.tensors.get('a')?.shape).toEqual([2, 2]);
    expect([...(parsed.tensors.get('a')?.data ?? [])]).toEqual([1.5, -2, 0.25, 8]);
    expect([...(parsed.tensors.get('b')?.data ?? [])]).toEqual([3]);
  });

  it('rejects other dtypes and broken headers, naming the weights', () => {
    expect(() => parseSafetensors(safetensors({ a: { shape: [1], values: [1] } }, 'F16'))).toThrow(/dtype F16/);
    expect(() => parseSafetensors(new Uint8Array([1, 0, 0, 0, 0, 0, 0, 0, 0x7b]))).toThrow(/header is not JSON/);
    expect(() => parseSafetensors(new Uint8Array(4))).toThrow(/too short/);
  });
});

describe('FashionOfaWeights', () => {
  it('cuts leading output channels and leading input channels', () => {
    const weights = new FashionOfaWeights(fullFile());
    // project.weight of block 0 is [24, 64, 1, 1]: row r holds r*64 .. r*64+63.
    const columns = weights.leadingInputs('stages.0.blocks.0.project.weight', 3);
    expect(columns.shape).toEqual([24, 3, 1, 1]);
    expect([...columns.data.subarray(0, 6)]).toEqual([0, 1, 2, 64, 65, 66]);
    // depthwise.k3 of block 0 is [64, 1, 3, 3]: the first 2 channels are values 0 .. 17.
    const rows = weights.leading('stages.0.blocks.0.depthwise.k3.weight', 2);
    expect(rows.shape).toEqual([2, 1, 3, 3]);
    expect([...rows.data]).toEqual(Array.from({ length: 18 }, (_, index) => index));
    expect(weights.digest).toMatch(/^[0-9a-f]{12}$/);
  });

  it('rejects a file whose tensors do not fit the architecture', () => {
    expect(() => new FashionOfaWeights(fullFile({ 'head.norm.bias': { shape: [191], values: new Array<number>(191).fill(0) } }))).toThrow(
      /head.norm.bias" has shape \[191\], expected \[192\]/,
    );
    expect(() => new FashionOfaWeights(safetensors({ a: { shape: [1], values: [1] } }))).toThrow(/stem.conv.weight" is missing/);
  });
});

describe('parseIdx', () => {
  const raw = Uint8Array.from([0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3, 10, 20, 30, 40, 50, 60]);

  it('reads plain and gzip-compressed unsigned-byte IDX files', () => {
    for (const bytes of [raw, new Uint8Array(gzipSync(raw))]) {
      const parsed = parseIdx(bytes);
      expect(parsed.shape).toEqual([2, 3]);
      expect([...parsed.data]).toEqual([10, 20, 30, 40, 50, 60]);
    }
  });

  it('rejects other element types and truncated files', () => {
    expect(() => parseIdx(Uint8Array.from([0, 0, 9, 1, 0, 0, 0, 1, 5]))).toThrow(/unsigned-byte IDX/);
    expect(() => parseIdx(raw.subarray(0, raw.length - 1))).toThrow(/expected 6 values/);
  });
});
