// fashion-ofa's inputs and their readers: the trained weights (shipped in supernets/fashion-ofa/) and the
// held-out set, the first 2,000 Fashion-MNIST test images and labels, read from the Debian package
// dataset-fashion-mnist (or the folder FASHION_MNIST_DIR names). carve does not copy the dataset.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { CarveError } from '../../core/errors.js';
import { FASHION_OFA_IMAGE_SIZE } from './architecture.js';

export const WEIGHTS_FILE = 'fashion-ofa.safetensors';

/** Environment variable naming the folder with Fashion-MNIST's IDX files; it overrides the Debian location. */
export const FASHION_MNIST_DIR_ENV = 'FASHION_MNIST_DIR';
/** The Debian package that provides Fashion-MNIST. */
export const FASHION_MNIST_APT_PACKAGE = 'dataset-fashion-mnist';
/** Where `dataset-fashion-mnist` installs the files (`dpkg -L dataset-fashion-mnist`). */
export const DEFAULT_FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';
/** The test split's files, as Fashion-MNIST names them; read gzip-compressed (`.gz`, as Debian ships them) or plain. */
export const TEST_IMAGES_FILE = 't10k-images-idx3-ubyte';
export const TEST_LABELS_FILE = 't10k-labels-idx1-ubyte';
/** The held-out set is the first this many test images. */
export const HELD_OUT_COUNT = 2000;
/**
 * SHA-256 of the held-out pixels ([2000, 28, 28] bytes) and labels (2000 bytes), without the IDX headers: the
 * exact set every recorded fashion-ofa accuracy was measured on (and that the evaluator id `heldout-2000` means).
 */
export const HELD_OUT_IMAGES_SHA256 = '09bbac78738f0229a68f7ca74e62665d7fb34f45ea7a3509ab5c4a202c1370de';
export const HELD_OUT_LABELS_SHA256 = 'a86243d2b2400909bc0a82f5fd5c9df83bf827852a1543e3dc70af890035a9d4';

/** `supernets/fashion-ofa/` of the checkout (the same from src/ and from the compiled dist/). */
export function defaultFashionOfaDirectory(): string {
  return fileURLToPath(new URL('../../../supernets/fashion-ofa/', import.meta.url));
}

/** The Fashion-MNIST folder: `$FASHION_MNIST_DIR` when set and not empty, else where Debian installs it. */
export function fashionMnistDirectory(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env[FASHION_MNIST_DIR_ENV];
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : DEFAULT_FASHION_MNIST_DIR;
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

const INSTALL_HINT =
  `install the Debian package ${FASHION_MNIST_APT_PACKAGE} (apt-get install ${FASHION_MNIST_APT_PACKAGE}; ` +
  `./scripts/setup.sh does it when run as root), or set ${FASHION_MNIST_DIR_ENV} to a folder holding ` +
  `${TEST_IMAGES_FILE}.gz and ${TEST_LABELS_FILE}.gz`;

/** Reads `<name>.gz` or else `<name>` from the Fashion-MNIST folder; a clear error when neither is there. */
function readDatasetFile(directory: string, name: string, origin: string): { path: string; bytes: Uint8Array } {
  const candidates = [join(directory, `${name}.gz`), join(directory, name)];
  const path = candidates.find((candidate) => existsSync(candidate));
  if (path === undefined) {
    throw new CarveError(
      'NOT_FOUND',
      `the Fashion-MNIST test set is missing: no ${name}.gz (or ${name}) in ${origin}. ` +
        `fashion-ofa's held-out images come from the Debian package ${FASHION_MNIST_APT_PACKAGE} or the folder ${FASHION_MNIST_DIR_ENV} names`,
      { field: FASHION_MNIST_DIR_ENV, hint: INSTALL_HINT },
    );
  }
  try {
    return { path, bytes: readFileSync(path) };
  } catch (error) {
    throw new CarveError('NOT_FOUND', `cannot read ${path} (${origin})`, { field: FASHION_MNIST_DIR_ENV, hint: INSTALL_HINT, cause: error });
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The held-out set: the first 2,000 images and labels of the Fashion-MNIST test split in `dataDirectory`
 * (default `$FASHION_MNIST_DIR`, else `/usr/share/datasets/fashion-mnist` from dataset-fashion-mnist). Their
 * bytes are checked against HELD_OUT_*_SHA256, so every accuracy is measured on the same images.
 */
export function loadHeldOut(dataDirectory?: string): HeldOutSet {
  const directory = dataDirectory ?? fashionMnistDirectory();
  const fromEnv = (process.env[FASHION_MNIST_DIR_ENV] ?? '') !== '';
  const origin =
    dataDirectory !== undefined
      ? `the given folder ${directory}`
      : fromEnv
        ? `${FASHION_MNIST_DIR_ENV}=${directory}`
        : `${directory}, where ${FASHION_MNIST_APT_PACKAGE} installs it (${FASHION_MNIST_DIR_ENV} is not set)`;
  const imagesFile = readDatasetFile(directory, TEST_IMAGES_FILE, origin);
  const labelsFile = readDatasetFile(directory, TEST_LABELS_FILE, origin);
  const images = parseIdx(imagesFile.bytes, imagesFile.path);
  const labels = parseIdx(labelsFile.bytes, labelsFile.path);
  const total = images.shape[0] as number;
  if (images.shape.length !== 3 || images.shape[1] !== FASHION_OFA_IMAGE_SIZE || images.shape[2] !== FASHION_OFA_IMAGE_SIZE) {
    throw new CarveError('BAD_INPUT', `${imagesFile.path}: expected [n, 28, 28] images, got [${images.shape.join(', ')}]`, { field: 'heldOut' });
  }
  if (labels.shape.length !== 1 || labels.shape[0] !== total) {
    throw new CarveError('BAD_INPUT', `${labelsFile.path}: expected ${total} labels, got [${labels.shape.join(', ')}]`, { field: 'heldOut' });
  }
  if (total < HELD_OUT_COUNT) {
    throw new CarveError('BAD_INPUT', `${imagesFile.path}: ${total} test images, the held-out set needs the first ${HELD_OUT_COUNT}`, {
      field: FASHION_MNIST_DIR_ENV,
      hint: INSTALL_HINT,
    });
  }
  const count = HELD_OUT_COUNT;
  const pixels = images.data.subarray(0, count * FASHION_OFA_IMAGE_SIZE * FASHION_OFA_IMAGE_SIZE);
  const heldOutLabels = new Uint8Array(labels.data.subarray(0, count)); // a copy, and a plain Uint8Array even if read as a Buffer
  if (sha256(pixels) !== HELD_OUT_IMAGES_SHA256 || sha256(heldOutLabels) !== HELD_OUT_LABELS_SHA256) {
    throw new CarveError(
      'BAD_INPUT',
      `${imagesFile.path}, ${labelsFile.path}: the first ${count} test images or labels differ from Fashion-MNIST's ` +
        `(SHA-256 mismatch); fashion-ofa's recorded accuracies and its evaluator id refer to those exact images`,
      { field: FASHION_MNIST_DIR_ENV, hint: `use an unmodified Fashion-MNIST test set: ${INSTALL_HINT}` },
    );
  }
  // Float32Array stores the correctly rounded quotient, the same value as PyTorch's float32 division.
  const scaled = new Float32Array(pixels.length);
  for (let index = 0; index < scaled.length; index += 1) scaled[index] = (pixels[index] as number) / 255;
  return { count, images: scaled, labels: heldOutLabels };
}
