// Compressed sparse rows: the non-zero entries of packed rows, so one-hot features cost only their active genes.

import { FITTED_WIDTH, type PackedRows, checkPredictionList, checkRowShape, nonFiniteFeatureError } from './dataset.js';

export interface SparseRows {
  readonly rowCount: number;
  readonly columnCount: number;
  /** Entries of row r are at positions starts[r] .. starts[r + 1] - 1. */
  readonly starts: Int32Array;
  readonly columns: Int32Array;
  readonly values: Float64Array;
}

export function toSparseRows(rows: PackedRows): SparseRows {
  const { rowCount, columnCount, values } = rows;
  let nonZero = 0;
  for (const value of values) if (value !== 0) nonZero += 1;
  const starts = new Int32Array(rowCount + 1);
  const columns = new Int32Array(nonZero);
  const entries = new Float64Array(nonZero);
  let next = 0;
  for (let row = 0; row < rowCount; row += 1) {
    starts[row] = next;
    for (let column = 0; column < columnCount; column += 1) {
      const value = values[row * columnCount + column] as number;
      if (value !== 0) {
        columns[next] = column;
        entries[next] = value;
        next += 1;
      }
    }
  }
  starts[rowCount] = next;
  return { rowCount, columnCount, starts, columns, values: entries };
}

/**
 * Rows to predict, checked as packPredictionRows checks them (an array of rows of the fitted width, finite
 * values), each column multiplied by its scale and kept sparse: the same rows as
 * toSparseRows(scaleColumns(packPredictionRows(features, width), scales)) in one pass, without the dense copies
 * (which dominate when a model predicts every architecture of a space).
 */
export function sparseScaledPredictionRows(features: readonly Float64Array[], scales: Float64Array): SparseRows {
  const columnCount = scales.length;
  const rows = checkPredictionList(features);
  const rowCount = rows.length;
  const starts = new Int32Array(rowCount + 1);
  let columns = new Int32Array(Math.max(16, rowCount * 4));
  let values = new Float64Array(columns.length);
  let next = 0;
  for (let row = 0; row < rowCount; row += 1) {
    const source = checkRowShape(rows[row], row, columnCount, FITTED_WIDTH);
    starts[row] = next;
    if (next + columnCount > columns.length) {
      const grown = Math.max(columns.length * 2, next + columnCount);
      const moreColumns = new Int32Array(grown);
      moreColumns.set(columns.subarray(0, next));
      const moreValues = new Float64Array(grown);
      moreValues.set(values.subarray(0, next));
      columns = moreColumns;
      values = moreValues;
    }
    for (let column = 0; column < columnCount; column += 1) {
      const raw = source[column] as number;
      if (!Number.isFinite(raw)) throw nonFiniteFeatureError(row, column, raw);
      const value = raw * (scales[column] as number);
      if (value !== 0) {
        columns[next] = column;
        values[next] = value;
        next += 1;
      }
    }
  }
  starts[rowCount] = next;
  return { rowCount, columnCount, starts, columns: columns.slice(0, next), values: values.slice(0, next) };
}
