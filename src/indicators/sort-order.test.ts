import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.js';
import { lexicographicOrder, orderByColumn, radixArgsort } from './sort-order.js';
import { flatten } from './validate.js';

function comparatorArgsort(keys: ArrayLike<number>): number[] {
  return Array.from({ length: keys.length }, (_, i) => i).sort((a, b) => (keys[a] as number) - (keys[b] as number) || a - b);
}

describe('radixArgsort', () => {
  it('orders signed values, zeros of both signs, extremes and ties stably', () => {
    const keys = Float64Array.from([3, -1, 0, -0, 2.5, -1e300, 1e300, -1, 5e-324, -5e-324, 0, 3]);
    expect([...radixArgsort(keys)]).toEqual(comparatorArgsort(keys));
  });

  it('matches a comparator sort on random keys with many ties', () => {
    const rng = createRng(11);
    const keys = Float64Array.from({ length: 5000 }, () => (rng.next() < 0.5 ? rng.int(50) - 25 : (rng.next() - 0.5) * 1e6));
    expect([...radixArgsort(keys)]).toEqual(comparatorArgsort(keys));
  });

  it('handles empty and single inputs', () => {
    expect([...radixArgsort(new Float64Array(0))]).toEqual([]);
    expect([...radixArgsort(Float64Array.from([4]))]).toEqual([0]);
  });
});

describe('lexicographicOrder and orderByColumn', () => {
  // Sizes on both sides of the radix threshold, on an integer grid so that ties in the first column abound.
  for (const count of [300, 4000]) {
    it(`sort ${count} grid points like a comparator sort`, () => {
      const rng = createRng(count);
      const rows = Array.from({ length: count }, () => [rng.int(20), rng.int(4), rng.int(3)]);
      const expected = rows
        .map((_, i) => i)
        .sort((a, b) => {
          const rowA = rows[a] as number[];
          const rowB = rows[b] as number[];
          return rowA[0]! - rowB[0]! || rowA[1]! - rowB[1]! || rowA[2]! - rowB[2]! || a - b;
        });
      const flat = flatten(rows, 3);
      expect([...lexicographicOrder(flat)]).toEqual(expected);
      expect([...orderByColumn(flat, 2)]).toEqual(comparatorArgsort(rows.map((row) => row[2] as number)));
    });
  }
});
