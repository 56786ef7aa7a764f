// The shipped files of fashion-ofa (weights, held-out Fashion-MNIST test images and labels) and their readers.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { CarveError } from '../../core/errors.js';
import { FASHION_OFA_IMAGE_SIZE } from './architecture.js';

export const WEIGHTS_FILE = 'fashion-ofa.safetensors';
export const HELD_OUT_IMAGES_FILE = 'heldout-images-idx3-ubyte.gz';
export const HELD_OUT_LABELS_FILE = 'heldout-labels-idx1-ubyte.gz';

/** `supernets/fashion-ofa/` of the checkout (the same from src/ and from the compiled dist/). */
export function defaultFashionOfaDirectory(): string {
  return fileURLToPath(new URL('../../../supernets/fashion-ofa/', import.meta.url));
}

export interface IdxArray {
  readonly shape: readonly number[];
  readonly data: Uint8Array;
}

/** Parses an unsigned-byte IDX file (gzip-compressed or not), the format Fashion-MNIST is distributed in. */
export function parseIdx(bytes: Uint8Array, source = 'idx'): IdxArray {
  const raw = bytes[0] === 0x1f && bytes[1] === 0x8b ? new Uint8Array(gunzipSync(bytes)) : bytes;
  if (raw.length < 4 || raw[0] !== 0 || raw[1] !== 0 || raw[2] !== 0x08) {
    throw new CarveError('BAD_INPUT', `${source}: not an unsigned-byte IDX file`, { field: 'heldOut' });
  }
  const rank = raw[3] as number;
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const shape = Array.from({ length: rank }, (_, axis) => view.getUint32(4 + 4 * axis, false));
  const count = shape.reduce((total, dim) => total * dim, 1);
  const offset = 4 + 4 * rank;
  if (raw.length !== offset + count) {
    throw new CarveError('BAD_INPUT', `${source}: expected ${count} values for shape [${shape.join(', ')}], found ${raw.length - offset}`, { field: 'heldOut' });
  }
  return { shape, data: raw.subarray(offset) };
}

export interface HeldOutSet {
  readonly count: number;
  /** Pixels / 255 as float32, [count, 1, 28, 28] row-major: the network's input. */
  readonly images: Float32Array;
  readonly labels: Uint8Array;
}

function readFile(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new CarveError('NOT_FOUND', `cannot read ${path}`, {
      field: 'directory',
      hint: 'point to the supernets/fashion-ofa folder of the carve checkout',
      cause: error,
    });
  }
}

export function loadHeldOut(directory: string): HeldOutSet {
  const imagesPath = join(directory, HELD_OUT_IMAGES_FILE);
  const labelsPath = join(directory, HELD_OUT_LABELS_FILE);
  const images = parseIdx(readFile(imagesPath), imagesPath);
  const labels = parseIdx(readFile(labelsPath), labelsPath);
  const count = images.shape[0] as number;
  if (images.shape.length !== 3 || images.shape[1] !== FASHION_OFA_IMAGE_SIZE || images.shape[2] !== FASHION_OFA_IMAGE_SIZE) {
    throw new CarveError('BAD_INPUT', `${imagesPath}: expected [n, 28, 28] images, got [${images.shape.join(', ')}]`, { field: 'heldOut' });
  }
  if (labels.shape.length !== 1 || labels.shape[0] !== count) {
    throw new CarveError('BAD_INPUT', `${labelsPath}: expected ${count} labels, got [${labels.shape.join(', ')}]`, { field: 'heldOut' });
  }
  // Float32Array stores the correctly rounded quotient, the same value as PyTorch's float32 division.
  const scaled = new Float32Array(images.data.length);
  for (let index = 0; index < scaled.length; index += 1) scaled[index] = (images.data[index] as number) / 255;
  return { count, images: scaled, labels: labels.data };
}
