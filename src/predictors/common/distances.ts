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

/** rowNorms of sparse rows: the zeros it skips add nothing to either sum. */
function sparseRowNorms(rows: SparseRows, squared: boolean): Float64Array {
  const norms = new Float64Array(rows.rowCount);
  for (let row = 0; row < rows.rowCount; row += 1) {
    let sum = 0;
    const stop = rows.starts[row + 1] as number;
    for (let entry = rows.starts[row] as number; entry < stop; entry += 1) {
      const value = rows.values[entry] as number;
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
 *
 * Computed column by column: with the right rows indexed by their non-zero columns, left row i meets only the
 * right rows that share one of its non-zero columns, and
 *   |x - y|^2 = |x|^2 + |y|^2 + sum_{k: x_k != 0, y_k != 0} ((x_k - y_k)^2 - x_k^2 - y_k^2)   (likewise for L1),
 * so a one-hot row costs its active genes times the rows that made the same choice, not the full width times
 * every row (several times faster when many candidates are predicted at once).
 */
export function crossDistances(left: PackedRows, right: PackedRows, kind: DistanceKind): Float64Array {
  const result = new Float64Array(left.rowCount * right.rowCount);
  forEachCrossDistanceRow(left, right, kind, (row, distances) => result.set(distances, row * right.rowCount));
  return result;
}

/**
 * The rows of crossDistances one at a time, in one reused buffer (valid only during the call): for predicting
 * many candidates without holding the whole candidates x training-rows matrix.
 */
export function forEachCrossDistanceRow(
  left: PackedRows,
  right: PackedRows,
  kind: DistanceKind,
  visit: (row: number, distances: Float64Array) => void,
): void {
  forEachSparseCrossDistanceRow(toSparseRows(left), right, kind, visit);
}

/** forEachCrossDistanceRow with the left rows already sparse (see sparseScaledPredictionRows). */
export function forEachSparseCrossDistanceRow(
  sparseLeft: SparseRows,
  right: PackedRows,
  kind: DistanceKind,
  visit: (row: number, distances: Float64Array) => void,
): void {
  const squared = kind === 'squared-euclidean';
  const normaliser = squared ? 1 : 1 / sparseLeft.columnCount;
  const postings = columnPostings(toSparseRows(right), sparseLeft.columnCount);
  const leftNorms = sparseRowNorms(sparseLeft, squared);
  const rightNorms = rowNorms(right, squared);
  const rightCount = right.rowCount;
  const correction = new Float64Array(rightCount);
  for (let i = 0; i < sparseLeft.rowCount; i += 1) {
    correction.fill(0);
    const stop = sparseLeft.starts[i + 1] as number;
    for (let entry = sparseLeft.starts[i] as number; entry < stop; entry += 1) {
      const column = sparseLeft.columns[entry] as number;
      const x = sparseLeft.values[entry] as number;
      const last = postings.starts[column + 1] as number;
      if (squared) {
        for (let at = postings.starts[column] as number; at < last; at += 1) {
          const target = postings.rows[at] as number;
          correction[target] = (correction[target] as number) - 2 * x * (postings.values[at] as number);
        }
      } else {
        for (let at = postings.starts[column] as number; at < last; at += 1) {
          const y = postings.values[at] as number;
          const target = postings.rows[at] as number;
          correction[target] = (correction[target] as number) + Math.abs(x - y) - Math.abs(x) - Math.abs(y);
        }
      }
    }
    const leftNorm = leftNorms[i] as number;
    for (let j = 0; j < rightCount; j += 1) {
      const scale = leftNorm + (rightNorms[j] as number);
      const sum = scale + (correction[j] as number);
      correction[j] = (sum < ROUNDING_FLOOR * (scale + 1) ? 0 : sum) * normaliser;
    }
    visit(i, correction);
  }
}

/** The non-zero entries of sparse rows grouped by column: entries of column c at starts[c] .. starts[c + 1] - 1. */
function columnPostings(rows: SparseRows, columnCount: number): { starts: Int32Array; rows: Int32Array; values: Float64Array } {
  const starts = new Int32Array(columnCount + 1);
  for (const column of rows.columns) starts[column + 1] = (starts[column + 1] as number) + 1;
  for (let column = 0; column < columnCount; column += 1) starts[column + 1] = (starts[column + 1] as number) + (starts[column] as number);
  const next = starts.slice(0, columnCount);
  const rowOf = new Int32Array(rows.columns.length);
  const values = new Float64Array(rows.columns.length);
  for (let row = 0; row < rows.rowCount; row += 1) {
    const stop = rows.starts[row + 1] as number;
    for (let entry = rows.starts[row] as number; entry < stop; entry += 1) {
      const column = rows.columns[entry] as number;
      const at = next[column] as number;
      next[column] = at + 1;
      rowOf[at] = row;
      values[at] = rows.values[entry] as number;
    }
  }
  return { starts, rows: rowOf, values };
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
