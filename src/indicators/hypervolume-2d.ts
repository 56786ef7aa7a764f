// Exact 2-D hypervolume by one sweep over the points sorted by the first objective: O(n log n).

import { radixSort, usesRadix } from './sort-order.js';
import type { FlatPoints } from './validate.js';

/**
 * Area dominated by `points` (2 columns, all strictly better than `reference`) inside the reference box.
 * Walking in ascending first objective, every point that lowers the best second value so far adds the
 * horizontal band between the old and the new best, from its first value to the reference. The order
 * of points with equal first values does not matter, so no tie-breaking is needed.
 */
export function hypervolume2d(points: FlatPoints, reference: ArrayLike<number>): number {
  const { data, count } = points;
  const firsts = new Float64Array(count);
  const seconds = new Float64Array(count);
  for (let row = 0; row < count; row += 1) {
    firsts[row] = data[row * 2] as number;
    seconds[row] = data[row * 2 + 1] as number;
  }
  if (usesRadix(count)) {
    // The second values travel with the keys, so the sweep below reads memory in order.
    const sorted = radixSort(firsts, seconds);
    return sweep(sorted.keys, sorted.payload as Float64Array, reference);
  }
  const order = Array.from({ length: count }, (_, row) => row).sort((a, b) => (firsts[a] as number) - (firsts[b] as number));
  return sweep(
    Float64Array.from(order, (row) => firsts[row] as number),
    Float64Array.from(order, (row) => seconds[row] as number),
    reference,
  );
}

function sweep(firsts: Float64Array, seconds: Float64Array, reference: ArrayLike<number>): number {
  const referenceFirst = reference[0] as number;
  let lowestSecond = reference[1] as number;
  let area = 0;
  for (let k = 0; k < firsts.length; k += 1) {
    const second = seconds[k] as number;
    if (second < lowestSecond) {
      area += (referenceFirst - (firsts[k] as number)) * (lowestSecond - second);
      lowestSecond = second;
    }
  }
  return area;
}
