// Exact 2-D hypervolume by one sweep over the points sorted by the first objective: O(n log n).

import { orderByColumn } from './sort-order.js';
import type { FlatPoints } from './validate.js';

/**
 * Area dominated by `points` (2 columns, all strictly better than `reference`) inside the reference box.
 * Walking in ascending first objective, every point that lowers the best second value so far adds the
 * horizontal band between the old and the new best, from its first value to the reference. The order
 * of points with equal first values does not matter, so no tie-breaking is needed.
 */
export function hypervolume2d(points: FlatPoints, reference: ArrayLike<number>): number {
  const { data, count } = points;
  const order = orderByColumn(points, 0);
  const referenceFirst = reference[0] as number;
  let lowestSecond = reference[1] as number;
  let area = 0;
  for (let k = 0; k < count; k += 1) {
    const row = order[k] as number;
    const second = data[row * 2 + 1] as number;
    if (second < lowestSecond) {
      area += (referenceFirst - (data[row * 2] as number)) * (lowestSecond - second);
      lowestSecond = second;
    }
  }
  return area;
}
