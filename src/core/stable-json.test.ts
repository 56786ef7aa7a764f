import { describe, expect, it } from 'vitest';
import { stableStringify } from './stable-json.js';

describe('stableStringify', () => {
  it('gives equal strings for objects that differ only in key order, at any depth', () => {
    expect(stableStringify({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      stableStringify({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
    expect(stableStringify({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });
  it('drops undefined members as JSON does and keeps array order', () => {
    expect(stableStringify({ a: undefined, b: [3, 1] })).toBe('{"b":[3,1]}');
    expect(stableStringify([2, 1])).not.toBe(stableStringify([1, 2]));
  });
});
