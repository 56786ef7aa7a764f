import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import { errorOf } from '../../space/testing/errors.js';
import { createFashionOfaSpace } from './space.js';

const LARGEST = { ks: [5, 5, 5, 5, 5, 5, 5, 5, 5], e: [4, 4, 4, 4, 4, 4, 4, 4, 4], d: [3, 3, 3] };
const SMALLEST = { ks: [3, 3, 3, 3, 3, 3, 3, 3, 3], e: [2, 2, 2, 2, 2, 2, 2, 2, 2], d: [1, 1, 1] };

describe('fashion-ofa space', () => {
  const { space, codec, read } = createFashionOfaSpace();

  it('has 3 depth genes and a kernel and expand gene per block slot', () => {
    expect(space.geneCount).toBe(3 + 2 * 9);
    expect(space.genes.map((gene) => gene.name).slice(0, 7)).toEqual(['d_0', 'ks_0', 'e_0', 'ks_1', 'e_1', 'ks_2', 'e_2']);
  });

  it('counts 258^3 distinct sub-networks (per stage: 6 + 6^2 + 6^3)', () => {
    expect(space.cardinality()).toBe(258n ** 3n);
    expect(space.cardinality()).toBe(17_173_512n);
  });

  it('round-trips native configs, filling absent blocks with the smallest choices', () => {
    const config = { ks: [5, 3, 5, 3, 5, 3, 5, 5, 5], e: [4, 2, 3, 3, 3, 3, 4, 2, 2], d: [1, 3, 2] };
    const genome = codec.fromNative(config);
    expect(codec.toNative(genome)).toEqual({ ks: [5, 3, 3, 3, 5, 3, 5, 5, 3], e: [4, 2, 2, 3, 3, 3, 4, 2, 2], d: [1, 3, 2] });
    expect(codec.toNative(codec.fromNative(LARGEST))).toEqual(LARGEST);
    expect(codec.toNative(codec.fromNative(SMALLEST))).toEqual(SMALLEST);
  });

  it('gives configs that differ only in absent blocks the same key', () => {
    const a = codec.fromNative({ ...SMALLEST, ks: [3, 5, 5, 3, 3, 3, 3, 3, 3], e: [2, 4, 3, 2, 2, 2, 2, 2, 2] });
    const b = codec.fromNative(SMALLEST);
    expect(space.key(a)).toBe(space.key(b));
    const deeper = codec.fromNative({ ...SMALLEST, ks: [3, 5, 3, 3, 3, 3, 3, 3, 3], d: [2, 1, 1] });
    expect(space.key(deeper)).not.toBe(space.key(b));
  });

  it('samples canonical genomes whose configs read back to themselves', () => {
    const rng = createRng(7);
    for (let index = 0; index < 50; index += 1) {
      const genome = space.sample(rng);
      expect(space.key(codec.fromNative(codec.toNative(genome)))).toBe(space.key(genome));
      expect(read(genome).d.every((depth) => depth >= 1 && depth <= 3)).toBe(true);
    }
  });

  it('names the offending field of a bad config', () => {
    expect(errorOf(() => codec.fromNative([1, 2])).field).toBe('config');
    expect(errorOf(() => codec.fromNative({ ...LARGEST, d: [3, 3] })).field).toBe('config.d');
    expect(errorOf(() => codec.fromNative({ ...LARGEST, ks: [5, 5, 5, 7, 5, 5, 5, 5, 5] })).field).toBe('config.ks[3]');
    expect(errorOf(() => codec.fromNative({ ...LARGEST, e: [4, 4, 4, 4, 4, 4, 4, 4, 6] })).field).toBe('config.e[8]');
    expect(errorOf(() => codec.fromNative({ ...LARGEST, d: [3, 0, 3] })).field).toBe('config.d[1]');
    expect(errorOf(() => codec.fromNative({ ...LARGEST, r: 32 })).field).toBe('config.r');
  });

  it('ignores invalid entries of absent blocks and accepts r = 28', () => {
    const genome = codec.fromNative({ ...SMALLEST, ks: [3, 99, 99, 3, 0, 0, 3, 0, 0], r: 28 });
    expect(codec.toNative(genome)).toEqual(SMALLEST);
  });
});
