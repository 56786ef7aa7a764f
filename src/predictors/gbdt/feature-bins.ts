// Per-column bins for tree splits: every distinct value is its own bin when there are few (the usual case for
// one-hot or ordinal genes), otherwise bins of roughly equal row counts.

import type { PackedRows } from '../common/dataset.js';

export interface FeatureBins {
  readonly rowCount: number;
  readonly columnCount: number;
  /** Column-major bin of each value: `codes[column * rowCount + row]`. */
  readonly codes: Uint8Array;
  /** Per column, ascending cut values: bin b holds values v with cuts[b - 1] < v <= cuts[b]; the last bin has no upper cut. */
  readonly cuts: readonly Float64Array[];
  /** Bins per column (cuts + 1). */
  readonly binCounts: Int32Array;
  /** Start of each column's bins in one histogram of `totalBins` slots. */
  readonly binOffsets: Int32Array;
  readonly totalBins: number;
  /** Per column, its most frequent bin: histograms get it by subtraction, so only other bins are ever counted. */
  readonly defaultBins: Int32Array;
  /** Row-major list of each row's histogram slots (binOffsets[column] + bin) outside the default bins. */
  readonly rowStarts: Int32Array;
  readonly rowSlots: Int32Array;
}

/** Largest bin count per column that the 8-bit codes can hold. */
export const MAX_BINS_LIMIT = 256;

function cutsOfColumn(sorted: Float64Array, maxBins: number): Float64Array {
  const distinct: number[] = [];
  const counts: number[] = [];
  for (let index = 0; index < sorted.length; index += 1) {
    const value = sorted[index] as number;
    if (distinct.length > 0 && distinct[distinct.length - 1] === value) counts[counts.length - 1] = (counts[counts.length - 1] as number) + 1;
    else {
      distinct.push(value);
      counts.push(1);
    }
  }
  const cuts: number[] = [];
  if (distinct.length <= maxBins) {
    for (let index = 0; index + 1 < distinct.length; index += 1) cuts.push(((distinct[index] as number) + (distinct[index + 1] as number)) / 2);
  } else {
    // Close a bin whenever the running row count passes the next equal-share boundary.
    const share = sorted.length / maxBins;
    let running = 0;
    for (let index = 0; index + 1 < distinct.length && cuts.length < maxBins - 1; index += 1) {
      running += counts[index] as number;
      if (running >= (cuts.length + 1) * share) cuts.push(((distinct[index] as number) + (distinct[index + 1] as number)) / 2);
    }
  }
  return Float64Array.from(cuts);
}

/** Index of the bin of `value`: the first b with value <= cuts[b], or cuts.length. */
export function binOf(cuts: Float64Array, value: number): number {
  let low = 0;
  let high = cuts.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (value <= (cuts[middle] as number)) high = middle;
    else low = middle + 1;
  }
  return low;
}

export function binFeatures(rows: PackedRows, maxBins: number): FeatureBins {
  const { rowCount, columnCount, values } = rows;
  const codes = new Uint8Array(rowCount * columnCount);
  const cuts: Float64Array[] = [];
  const binCounts = new Int32Array(columnCount);
  const binOffsets = new Int32Array(columnCount);
  const column = new Float64Array(rowCount);
  const defaultBins = new Int32Array(columnCount);
  let totalBins = 0;
  for (let feature = 0; feature < columnCount; feature += 1) {
    for (let row = 0; row < rowCount; row += 1) column[row] = values[row * columnCount + feature] as number;
    const columnCuts = cutsOfColumn(column.slice().sort(), maxBins);
    cuts.push(columnCuts);
    binCounts[feature] = columnCuts.length + 1;
    binOffsets[feature] = totalBins;
    totalBins += columnCuts.length + 1;
    const base = feature * rowCount;
    const frequency = new Int32Array(columnCuts.length + 1);
    for (let row = 0; row < rowCount; row += 1) {
      const bin = binOf(columnCuts, column[row] as number);
      codes[base + row] = bin;
      frequency[bin] = (frequency[bin] as number) + 1;
    }
    let mostFrequent = 0;
    frequency.forEach((count, bin) => {
      if (count > (frequency[mostFrequent] as number)) mostFrequent = bin;
    });
    defaultBins[feature] = mostFrequent;
  }

  const rowStarts = new Int32Array(rowCount + 1);
  const slots: number[] = [];
  for (let row = 0; row < rowCount; row += 1) {
    rowStarts[row] = slots.length;
    for (let feature = 0; feature < columnCount; feature += 1) {
      const bin = codes[feature * rowCount + row] as number;
      if (bin !== defaultBins[feature]) slots.push((binOffsets[feature] as number) + bin);
    }
  }
  rowStarts[rowCount] = slots.length;
  return { rowCount, columnCount, codes, cuts, binCounts, binOffsets, totalBins, defaultBins, rowStarts, rowSlots: Int32Array.from(slots) };
}
