// Pairwise distances between packed rows, the inputs of the kernel models (SVR, Gaussian process).
//
// Each distance is the left row's norm corrected over the right row's non-zero columns only,
//   |x - y|^2 = |x|^2 + sum_{k: y_k != 0} ((x_k - y_k)^2 - x_k^2)   (and likewise for the L1 distance),
// so one-hot rows cost their active genes rather than the full width.

import type { PackedRows } from './dataset.js';
import { type SparseRows, toSparseRows } from './sparse-rows.js';

export type DistanceKind = 'squared-euclidean' | 'mean-absolute';

/** Rounding left by the norm correction on equal rows is far below this; real distances are far above it. */
const ROUNDING_FLOOR = 1e-12;

function rowNorms(rows: PackedRows, squared: boolean): Float64Array {
  const norms = new Float64Array(rows.rowCount);
  for (let row = 0; row < rows.rowCount; row += 1) {
    let sum = 0;
    const offset = row * rows.columnCount;
    for (let column = 0; column < rows.columnCount; column += 1) {
      const value = rows.values[offset + column] as number;
      sum += squared ? value * value : Math.abs(value);
    }
    norms[row] = sum;
  }
  return norms;
}

function distanceBetween(left: PackedRows, leftRow: number, leftNorm: number, right: SparseRows, rightRow: number, squared: boolean): number {
  const offset = leftRow * left.columnCount;
  let sum = leftNorm;
  const stop = right.starts[rightRow + 1] as number;
  for (let entry = right.starts[rightRow] as number; entry < stop; entry += 1) {
    const x = left.values[offset + (right.columns[entry] as number)] as number;
    const difference = x - (right.values[entry] as number);
    sum += squared ? difference * difference - x * x : Math.abs(difference) - Math.abs(x);
  }
  return sum < ROUNDING_FLOOR * (leftNorm + 1) ? 0 : sum;
}

/**
 * `result[i * right.rowCount + j]` = distance between left row i and right row j: squared Euclidean, or the mean
 * absolute difference per column (on one-hot rows: proportional to the number of differing genes).
 */
export function crossDistances(left: PackedRows, right: PackedRows, kind: DistanceKind): Float64Array {
  const squared = kind === 'squared-euclidean';
  const normaliser = squared ? 1 : 1 / left.columnCount;
  const sparseRight = toSparseRows(right);
  const norms = rowNorms(left, squared);
  const result = new Float64Array(left.rowCount * right.rowCount);
  for (let i = 0; i < left.rowCount; i += 1) {
    const out = i * right.rowCount;
    const norm = norms[i] as number;
    for (let j = 0; j < right.rowCount; j += 1) result[out + j] = distanceBetween(left, i, norm, sparseRight, j, squared) * normaliser;
  }
  return result;
}

/** Symmetric `rows.rowCount` x `rows.rowCount` distance matrix of a set with itself, exactly 0 on the diagonal. */
export function selfDistances(rows: PackedRows, kind: DistanceKind): Float64Array {
  const squared = kind === 'squared-euclidean';
  const normaliser = squared ? 1 : 1 / rows.columnCount;
  const sparse = toSparseRows(rows);
  const norms = rowNorms(rows, squared);
  const count = rows.rowCount;
  const result = new Float64Array(count * count);
  for (let i = 0; i < count; i += 1) {
    const norm = norms[i] as number;
    for (let j = 0; j < i; j += 1) {
      const distance = distanceBetween(rows, i, norm, sparse, j, squared) * normaliser;
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
