import { describe, expect, it } from 'vitest';

import { createRng } from '../../core/rng.js';
import type { PackedRows } from './dataset.js';
import { crossDistances, selfDistances } from './distances.js';

const pack = (rows: readonly (readonly number[])[]): PackedRows => ({
  rowCount: rows.length,
  columnCount: rows[0]?.length ?? 0,
  values: Float64Array.from(rows.flat()),
});

const direct = (a: readonly number[], b: readonly number[], squared: boolean): number =>
  a.reduce((sum, x, k) => sum + (squared ? (x - (b[k] as number)) ** 2 : Math.abs(x - (b[k] as number))), 0) / (squared ? 1 : a.length);

describe('crossDistances', () => {
  it('gives hand-worked squared Euclidean and mean absolute distances', () => {
    const left = pack([
      [1, 0, 0, 2],
      [0, 0, 0, 0],
    ]);
    const right = pack([
      [1, 0, 0, 2],
      [0, 3, 0, 0],
      [-1, 0, 0.5, 2],
    ]);
    // row 0 vs: itself 0; (1,-3,0,2) -> 14; (2,0,-0.5,0) -> 4.25. zero row vs: 1+4, 9, 1+0.25+4.
    expect([...crossDistances(left, right, 'squared-euclidean')]).toEqual([0, 14, 4.25, 5, 9, 5.25]);
    // L1 / 4 columns: 0, 6/4, 2.5/4; zero row: 3/4, 3/4, 3.5/4.
    expect([...crossDistances(left, right, 'mean-absolute')]).toEqual([0, 1.5, 0.625, 0.75, 0.75, 0.875]);
  });

  it('matches the direct sum on random sparse (one-hot-like) and dense rows', () => {
    const rng = createRng(3);
    const oneHot = (): number[] => {
      const row = new Array<number>(20).fill(0);
      for (let gene = 0; gene < 4; gene += 1) row[gene * 5 + rng.int(5)] = 1 + rng.int(3) * 0.25;
      return row;
    };
    const dense = (): number[] => Array.from({ length: 7 }, () => rng.next() * 4 - 2);
    for (const make of [oneHot, dense]) {
      const left = Array.from({ length: 9 }, make);
      const right = Array.from({ length: 13 }, make);
      for (const kind of ['squared-euclidean', 'mean-absolute'] as const) {
        const result = crossDistances(pack(left), pack(right), kind);
        left.forEach((a, i) =>
          right.forEach((b, j) => expect(result[i * right.length + j]).toBeCloseTo(direct(a, b, kind === 'squared-euclidean'), 10)),
        );
      }
    }
  });

  it('is exactly 0 between equal rows and agrees with selfDistances', () => {
    const rows = [
      [0.1, 0, 0.7, 0],
      [0, 0.3, 0, 0.9],
      [0.1, 0, 0.7, 0],
    ];
    const cross = crossDistances(pack(rows), pack(rows), 'squared-euclidean');
    const self = selfDistances(pack(rows), 'squared-euclidean');
    expect(cross[0 * 3 + 2]).toBe(0);
    expect(cross[1 * 3 + 1]).toBe(0);
    [...self].forEach((value, index) => expect(cross[index]).toBeCloseTo(value, 12));
  });
});
