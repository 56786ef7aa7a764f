// Target standardisation and sparsity-preserving feature scaling shared by the predictors.

import type { PackedRows } from './dataset.js';

/** Targets mapped to zero mean and unit variance; a constant target keeps scale 1. */
export interface StandardizedTargets {
  readonly values: Float64Array;
  readonly mean: number;
  readonly scale: number;
}

export function standardizeTargets(targets: Float64Array): StandardizedTargets {
  const count = targets.length;
  let mean = 0;
  for (let index = 0; index < count; index += 1) mean += targets[index] as number;
  mean /= count;
  let sumSquares = 0;
  for (let index = 0; index < count; index += 1) {
    const centered = (targets[index] as number) - mean;
    sumSquares += centered * centered;
  }
  const deviation = Math.sqrt(sumSquares / count);
  // Relative floor: a target that only differs by rounding noise counts as constant.
  const scale = deviation > 1e-12 * Math.max(1, Math.abs(mean)) ? deviation : 1;
  const values = new Float64Array(count);
  for (let index = 0; index < count; index += 1) values[index] = ((targets[index] as number) - mean) / scale;
  return { values, mean, scale };
}

/**
 * Per-column 1 / max |value| (1 for an all-zero column). Dividing by it keeps zeros at zero, so one-hot rows stay
 * sparse, while raw gene values (resolutions, channel counts) are brought to [-1, 1] like the other encodings.
 */
export function maxAbsScales(rows: PackedRows): Float64Array {
  const { values, rowCount, columnCount } = rows;
  const maxima = new Float64Array(columnCount);
  for (let row = 0; row < rowCount; row += 1) {
    const offset = row * columnCount;
    for (let column = 0; column < columnCount; column += 1) {
      const magnitude = Math.abs(values[offset + column] as number);
      if (magnitude > (maxima[column] as number)) maxima[column] = magnitude;
    }
  }
  const scales = new Float64Array(columnCount);
  for (let column = 0; column < columnCount; column += 1) {
    const maximum = maxima[column] as number;
    scales[column] = maximum > 0 ? 1 / maximum : 1;
  }
  return scales;
}

/** A copy of `rows` with each column multiplied by its scale. */
export function scaleColumns(rows: PackedRows, scales: Float64Array): PackedRows {
  const { rowCount, columnCount } = rows;
  const values = new Float64Array(rows.values.length);
  for (let row = 0; row < rowCount; row += 1) {
    const offset = row * columnCount;
    for (let column = 0; column < columnCount; column += 1) {
      values[offset + column] = (rows.values[offset + column] as number) * (scales[column] as number);
    }
  }
  return { values, rowCount, columnCount };
}

/** The rows picked by `indices`, in that order (repeats allowed, as in a bootstrap sample). */
export function selectRows(rows: PackedRows, indices: ArrayLike<number>): PackedRows {
  const { columnCount } = rows;
  const values = new Float64Array(indices.length * columnCount);
  for (let position = 0; position < indices.length; position += 1) {
    const from = (indices[position] as number) * columnCount;
    values.set(rows.values.subarray(from, from + columnCount), position * columnCount);
  }
  return { values, rowCount: indices.length, columnCount };
}
