// Compressed sparse rows: the non-zero entries of packed rows, so one-hot features cost only their active genes.

import type { PackedRows } from './dataset.js';

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
