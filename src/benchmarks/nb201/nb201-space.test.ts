import { describe, expect, it } from 'vitest';
import { CarveError } from '../../core/errors.js';
import { resolveDataDir } from '../data-dir.js';
import { NB201_OPS } from './nb201-arch.js';
import { archStrToGenome, genomeToArchStr, nb201Codec, nb201Space } from './nb201-space.js';
import { loadNb201TableFromDataDir } from './nb201-table.js';

describe('NB201 space', () => {
  const space = nb201Space();

  it('has genes e0..e5 with the five ops and no conditions', () => {
    expect(space.genes.map((gene) => gene.name)).toEqual(['e0', 'e1', 'e2', 'e3', 'e4', 'e5']);
    for (const gene of space.genes) {
      expect(gene.choices).toEqual([...NB201_OPS]);
      expect(gene.activeWhen).toBeUndefined();
    }
    expect(space.cardinality()).toBe(15625n);
  });

  it('keeps degenerate cells distinct (canonicalisation is the identity)', () => {
    const allNone = [0, 0, 0, 0, 0, 0];
    const deadButDifferent = [3, 0, 0, 0, 0, 0];
    expect(space.canonicalize(deadButDifferent)).toEqual(deadButDifferent);
    expect(space.key(allNone)).not.toBe(space.key(deadButDifferent));
  });

  it('maps every table row to a distinct key and genome, and back through the arch_str (real data)', () => {
    const table = loadNb201TableFromDataDir(resolveDataDir());
    const keys = new Set<string>();
    const failures: number[] = [];
    for (let row = 0; row < table.rowCount; row += 1) {
      const archStr = table.archStrs[row] as string;
      const genome = nb201Codec.fromNative(archStr);
      const key = space.key(genome);
      keys.add(key);
      const back = space.fromKey(key);
      if (nb201Codec.toNative(back) !== archStr || table.rowOfOpIndices(back) !== row) failures.push(row);
    }
    expect(failures).toEqual([]);
    expect(keys.size).toBe(15625);
  });

  it('codec: arch_str in, arch_str out', () => {
    const archStr = '|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|';
    expect(archStrToGenome(archStr)).toEqual([3, 3, 4, 1, 3, 1]);
    expect(genomeToArchStr([3, 3, 4, 1, 3, 1])).toBe(archStr);
  });

  it('codec errors name the bad op, and bad genomes are BAD_INPUT', () => {
    expect(() => nb201Codec.fromNative('|conv_7x7~0|+|none~0|none~1|+|none~0|none~1|none~2|')).toThrow(/unknown op "conv_7x7" on edge e0/);
    expect(() => nb201Codec.fromNative({ arch: 'x' })).toThrow(CarveError);
    expect(() => nb201Codec.toNative([0, 0, 0, 0, 0, 5])).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    expect(() => nb201Codec.toNative([0, 0, 0])).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });
});
