// Pairwise distances between packed rows, the inputs of the kernel models (SVR, Gaussian process).

import type { PackedRows } from './dataset.js';

export type DistanceKind = 'squared-euclidean' | 'mean-absolute';

/**
 * `result[i * right.rowCount + j]` = distance between left row i and right row j: squared Euclidean, or the mean
 * absolute difference per column (on one-hot rows: the share of differing columns, a normalised Hamming distance).
 * Computed directly rather than from norms so that equal rows give exactly 0.
 */
export function crossDistances(left: PackedRows, right: PackedRows, kind: DistanceKind): Float64Array {
  const columns = left.columnCount;
  const result = new Float64Array(left.rowCount * right.rowCount);
  const a = left.values;
  const b = right.values;
  const squared = kind === 'squared-euclidean';
  const normaliser = kind === 'mean-absolute' ? 1 / columns : 1;
  for (let i = 0; i < left.rowCount; i += 1) {
    const offsetI = i * columns;
    const outRow = i * right.rowCount;
    for (let j = 0; j < right.rowCount; j += 1) {
      const offsetJ = j * columns;
      let sum = 0;
      if (squared) {
        for (let k = 0; k < columns; k += 1) {
          const difference = (a[offsetI + k] as number) - (b[offsetJ + k] as number);
          sum += difference * difference;
        }
      } else {
        for (let k = 0; k < columns; k += 1) sum += Math.abs((a[offsetI + k] as number) - (b[offsetJ + k] as number));
      }
      result[outRow + j] = sum * normaliser;
    }
  }
  return result;
}

/** Symmetric `rows.rowCount` x `rows.rowCount` distance matrix of a set with itself (half the work of crossDistances). */
export function selfDistances(rows: PackedRows, kind: DistanceKind): Float64Array {
  const count = rows.rowCount;
  const columns = rows.columnCount;
  const values = rows.values;
  const result = new Float64Array(count * count);
  const squared = kind === 'squared-euclidean';
  const normaliser = kind === 'mean-absolute' ? 1 / columns : 1;
  for (let i = 0; i < count; i += 1) {
    const offsetI = i * columns;
    for (let j = i + 1; j < count; j += 1) {
      const offsetJ = j * columns;
      let sum = 0;
      if (squared) {
        for (let k = 0; k < columns; k += 1) {
          const difference = (values[offsetI + k] as number) - (values[offsetJ + k] as number);
          sum += difference * difference;
        }
      } else {
        for (let k = 0; k < columns; k += 1) sum += Math.abs((values[offsetI + k] as number) - (values[offsetJ + k] as number));
      }
      const distance = sum * normaliser;
      result[i * count + j] = distance;
      result[j * count + i] = distance;
    }
  }
  return result;
}

/** Median of the off-diagonal entries of a symmetric distance matrix (0 when there are none). */
export function medianOffDiagonal(distances: Float64Array, count: number): number {
  if (count < 2) return 0;
  const values = new Float64Array((count * (count - 1)) / 2);
  let next = 0;
  for (let i = 0; i < count; i += 1) {
    for (let j = i + 1; j < count; j += 1) values[next++] = distances[i * count + j] as number;
  }
  values.sort();
  const middle = values.length >> 1;
  return values.length % 2 === 1 ? (values[middle] as number) : ((values[middle - 1] as number) + (values[middle] as number)) / 2;
}
