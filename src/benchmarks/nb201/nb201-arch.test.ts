import { describe, expect, it } from 'vitest';
import { CarveError } from '../../core/errors.js';
import { NB201_SPACE_SIZE, archStrToOpIndices, isValidOpIndices, opIndicesCode, opIndicesToArchStr } from './nb201-arch.js';

const ROW_0 = '|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|';

describe('NB201 cell strings', () => {
  it('reads edges in arch_str order e0..e5', () => {
    expect(archStrToOpIndices(ROW_0)).toEqual([4, 2, 1, 2, 1, 1]);
  });

  it('writes the same string back', () => {
    expect(opIndicesToArchStr([4, 2, 1, 2, 1, 1])).toBe(ROW_0);
    expect(opIndicesToArchStr([0, 0, 0, 0, 0, 0])).toBe('|none~0|+|none~0|none~1|+|none~0|none~1|none~2|');
  });

  it('names an unknown op and its edge', () => {
    const bad = ROW_0.replace('nor_conv_1x1~0|skip_connect~1|skip', 'conv_5x5~0|skip_connect~1|skip');
    try {
      archStrToOpIndices(bad);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CarveError);
      expect((error as CarveError).field).toBe('arch_str');
      expect((error as CarveError).message).toContain('unknown op "conv_5x5" on edge e3');
      expect((error as CarveError).hint).toContain('nor_conv_3x3');
    }
  });

  it('rejects malformed strings with BAD_INPUT', () => {
    for (const bad of [
      42,
      '',
      '|none~0|+|none~0|none~1|',
      '|none~0|+|none~0|none~1|+|none~0|none~1|',
      '|none~1|+|none~0|none~1|+|none~0|none~1|none~2|',
      'none~0|+|none~0|none~1|+|none~0|none~1|none~2|',
      '|none|+|none~0|none~1|+|none~0|none~1|none~2|',
    ]) {
      expect(() => archStrToOpIndices(bad), String(bad)).toThrow(expect.objectContaining({ code: 'BAD_INPUT', field: 'arch_str' }));
    }
  });

  it('codes every op-index list densely and distinctly in [0, 5^6)', () => {
    expect(opIndicesCode([0, 0, 0, 0, 0, 0])).toBe(0);
    expect(opIndicesCode([4, 4, 4, 4, 4, 4])).toBe(NB201_SPACE_SIZE - 1);
    expect(opIndicesCode([0, 0, 0, 0, 0, 1])).toBe(1);
    expect(opIndicesCode([1, 0, 0, 0, 0, 0])).toBe(3125);
  });

  it('validates op-index lists', () => {
    expect(isValidOpIndices([0, 1, 2, 3, 4, 0])).toBe(true);
    expect(isValidOpIndices([0, 1, 2, 3, 4])).toBe(false);
    expect(isValidOpIndices([0, 1, 2, 3, 5, 0])).toBe(false);
    expect(isValidOpIndices([0, 1, 2, 3, 1.5, 0])).toBe(false);
    expect(isValidOpIndices([0, 1, 2, 3, -1, 0])).toBe(false);
  });
});
