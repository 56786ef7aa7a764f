import { describe, expect, it } from 'vitest';
import { createRecordCodec } from './native-codec.js';
import { createSearchSpace } from './search-space.js';
import { errorOf } from './testing/errors.js';
import { allRawGenomes, chainSpec } from './testing/fixtures.js';

const chain = createSearchSpace(chainSpec());
const codec = createRecordCodec(chain);

describe('record codec', () => {
  it('gives the active values by name', () => {
    expect(codec.toNative([2, 1, 0, 1])).toEqual({ a: 2, b: 'y', c: true, d: 20 });
    expect(codec.toNative([0, 1, 0, 1])).toEqual({ a: 0, d: 20 });
  });

  it('round-trips every genome to its canonical form', () => {
    for (const raw of allRawGenomes(chain.choiceCounts)) expect(codec.fromNative(codec.toNative(raw))).toEqual(chain.canonicalize(raw));
    expect(codec.fromNative(JSON.parse('{"a": 1, "b": "x", "d": 10}'))).toEqual([1, 0, 0, 0]);
  });

  it('accepts only plain objects', () => {
    for (const config of [null, [1, 2], 'a=1', 3, new Map([['a', 1]]), new Date(0)]) {
      expect(errorOf(() => codec.fromNative(config)).field).toBe('config');
    }
    expect(codec.fromNative(Object.assign(Object.create(null) as object, { a: 0, d: 10 }))).toEqual([0, 0, 0, 0]);
  });

  it('names the offending gene', () => {
    expect(errorOf(() => codec.fromNative({ a: 0, d: 30 })).field).toBe('d');
    expect(errorOf(() => codec.fromNative({ a: 0, d: 10, ks: [3] })).field).toBe('ks');
  });
});
