import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorOf } from '../../space/testing/errors.js';
import {
  DEFAULT_FASHION_MNIST_DIR,
  FASHION_MNIST_APT_PACKAGE,
  FASHION_MNIST_DIR_ENV,
  fashionMnistDirectory,
  HELD_OUT_COUNT,
  loadHeldOut,
  TEST_IMAGES_FILE,
  TEST_LABELS_FILE,
} from './held-out.js';

/** An unsigned-byte IDX file of the given shape and values. */
function idx(shape: readonly number[], data: Uint8Array): Uint8Array {
  const header = Buffer.alloc(4 + 4 * shape.length);
  header.writeUInt8(0x08, 2);
  header.writeUInt8(shape.length, 3);
  shape.forEach((dim, axis) => header.writeUInt32BE(dim, 4 + 4 * axis));
  return Buffer.concat([header, data]);
}

const folders: string[] = [];
function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'carve-fashion-mnist-'));
  folders.push(folder);
  return folder;
}

afterEach(() => {
  vi.unstubAllEnvs();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('fashionMnistDirectory', () => {
  it('is $FASHION_MNIST_DIR when set, else where the Debian package installs the files', () => {
    expect(fashionMnistDirectory({})).toBe(DEFAULT_FASHION_MNIST_DIR);
    expect(fashionMnistDirectory({ [FASHION_MNIST_DIR_ENV]: '' })).toBe(DEFAULT_FASHION_MNIST_DIR);
    expect(fashionMnistDirectory({ [FASHION_MNIST_DIR_ENV]: '/data/fmnist' })).toBe('/data/fmnist');
  });
});

describe('loadHeldOut', () => {
  it('reads the first 2,000 Fashion-MNIST test images and labels (dataset-fashion-mnist or $FASHION_MNIST_DIR)', () => {
    const heldOut = loadHeldOut();
    expect(heldOut.count).toBe(HELD_OUT_COUNT);
    expect(heldOut.images).toHaveLength(HELD_OUT_COUNT * 28 * 28);
    expect(heldOut.labels).toHaveLength(HELD_OUT_COUNT);
    // The test set starts with an ankle boot (9), a pullover (2) and two trousers (1).
    expect(Array.from(heldOut.labels.subarray(0, 4))).toEqual([9, 2, 1, 1]);
    const perClass = new Array<number>(10).fill(0);
    for (const label of heldOut.labels) perClass[label] = (perClass[label] as number) + 1;
    expect(Math.min(...perClass)).toBe(188);
    expect(Math.max(...perClass)).toBe(219);
    expect(heldOut.images.reduce((low, value) => Math.min(low, value), Infinity)).toBe(0);
    expect(heldOut.images.reduce((high, value) => Math.max(high, value), -Infinity)).toBe(1);
    // Pixels are byte / 255, rounded to float32 as PyTorch's division does.
    expect(heldOut.images.every((value) => value === Math.fround(Math.round(value * 255) / 255))).toBe(true);
  });

  it('takes the folder from $FASHION_MNIST_DIR and reads uncompressed files as well', () => {
    const source = fashionMnistDirectory();
    const folder = tempFolder();
    for (const name of [TEST_IMAGES_FILE, TEST_LABELS_FILE]) {
      writeFileSync(join(folder, name), gunzipSync(readFileSync(join(source, `${name}.gz`))));
    }
    const expected = loadHeldOut();
    vi.stubEnv(FASHION_MNIST_DIR_ENV, folder);
    const fromEnv = loadHeldOut();
    expect(fromEnv.labels).toEqual(expected.labels);
    // Compared as bytes: a deep equality over 1.5 M floats takes seconds.
    expect(Buffer.from(fromEnv.images.buffer).equals(Buffer.from(expected.images.buffer))).toBe(true);
  });

  it('names FASHION_MNIST_DIR and the apt package when the files are missing', () => {
    const folder = tempFolder();
    vi.stubEnv(FASHION_MNIST_DIR_ENV, folder);
    const error = errorOf(() => loadHeldOut());
    expect(error.code).toBe('NOT_FOUND');
    expect(error.field).toBe(FASHION_MNIST_DIR_ENV);
    expect(error.message).toContain(`${FASHION_MNIST_DIR_ENV}=${folder}`);
    expect(error.message).toContain(TEST_IMAGES_FILE);
    expect(error.describe()).toContain(`apt-get install ${FASHION_MNIST_APT_PACKAGE}`);
    expect(errorOf(() => loadHeldOut(join(folder, 'nowhere'))).describe()).toMatch(/FASHION_MNIST_DIR.*dataset-fashion-mnist/s);
  });

  it('refuses a test set whose first 2,000 images are not Fashion-MNIST\'s, and one that is too short', () => {
    const folder = tempFolder();
    const count = HELD_OUT_COUNT + 5;
    writeFileSync(join(folder, `${TEST_IMAGES_FILE}.gz`), gzipSync(idx([count, 28, 28], new Uint8Array(count * 28 * 28))));
    writeFileSync(join(folder, `${TEST_LABELS_FILE}.gz`), gzipSync(idx([count], new Uint8Array(count))));
    expect(errorOf(() => loadHeldOut(folder)).message).toMatch(/SHA-256 mismatch/);

    writeFileSync(join(folder, `${TEST_IMAGES_FILE}.gz`), gzipSync(idx([10, 28, 28], new Uint8Array(10 * 28 * 28))));
    writeFileSync(join(folder, `${TEST_LABELS_FILE}.gz`), gzipSync(idx([10], new Uint8Array(10))));
    expect(errorOf(() => loadHeldOut(folder)).message).toMatch(/10 test images, the held-out set needs the first 2000/);
  });
});
