import { describe, expect, it } from 'vitest';

import { createRng } from '../../core/rng.js';
import { packPredictionRows } from './dataset.js';
import { crossDistances, forEachSparseCrossDistanceRow } from './distances.js';
import { scaleColumns } from './scaling.js';
import { sparseScaledPredictionRows, toSparseRows } from './sparse-rows.js';

describe('sparseScaledPredictionRows', () => {
  it('gives the hand-worked entries of scaled rows, zeros left out', () => {
    const rows = sparseScaledPredictionRows([Float64Array.from([0, 2, 0]), Float64Array.from([4, 0, -1]), new Float64Array(3)], Float64Array.from([0.25, 0.5, 1]));
    expect([...rows.starts]).toEqual([0, 1, 3, 3]);
    expect([...rows.columns]).toEqual([1, 0, 2]);
    expect([...rows.values]).toEqual([1, 1, -1]);
    expect(rows.rowCount).toBe(3);
    expect(rows.columnCount).toBe(3);
  });

  it('equals toSparseRows(scaleColumns(packPredictionRows(...))) on random sparse rows, also past its first capacity', () => {
    const rng = createRng(11);
    const width = 40;
    const features = Array.from({ length: 300 }, () => Float64Array.from({ length: width }, () => (rng.next() < 0.6 ? 0 : rng.next() * 6 - 3)));
    const scales = Float64Array.from({ length: width }, () => 0.1 + rng.next());
    const expected = toSparseRows(scaleColumns(packPredictionRows(features, width), scales));
    const actual = sparseScaledPredictionRows(features, scales);
    expect([...actual.starts]).toEqual([...expected.starts]);
    expect([...actual.columns]).toEqual([...expected.columns]);
    expect([...actual.values]).toEqual([...expected.values]);
  });

  it('refuses what packPredictionRows refuses, with the same messages', () => {
    const scales = Float64Array.from([1, 1]);
    const cases: unknown[] = [[Float64Array.from([1, 2, 3])], [Float64Array.from([1, Number.NaN])], [undefined], 'rows'];
    for (const given of cases) {
      const expected = (() => {
        try {
          packPredictionRows(given as Float64Array[], 2);
        } catch (error) {
          return (error as Error).message;
        }
        return 'accepted';
      })();
      expect(expected).not.toBe('accepted');
      expect(() => sparseScaledPredictionRows(given as Float64Array[], scales)).toThrow(expected);
    }
  });
});

describe('forEachSparseCrossDistanceRow', () => {
  it('gives crossDistances row by row from sparse left rows, for both kinds', () => {
    const rng = createRng(5);
    const oneHot = (): Float64Array => {
      const row = new Float64Array(15);
      for (let gene = 0; gene < 3; gene += 1) row[gene * 5 + rng.int(5)] = 1 + rng.int(2) * 0.5;
      return row;
    };
    const left = Array.from({ length: 30 }, oneHot);
    const right = Array.from({ length: 12 }, oneHot);
    const packedLeft = packPredictionRows(left, 15);
    const packedRight = packPredictionRows(right, 15);
    for (const kind of ['squared-euclidean', 'mean-absolute'] as const) {
      const expected = crossDistances(packedLeft, packedRight, kind);
      const actual = new Float64Array(expected.length);
      forEachSparseCrossDistanceRow(sparseScaledPredictionRows(left, new Float64Array(15).fill(1)), packedRight, kind, (row, distances) =>
        actual.set(distances, row * 12),
      );
      expect([...actual]).toEqual([...expected]);
    }
  });
});
