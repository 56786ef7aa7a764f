// Exact 3-D hypervolume by a sweep along the third objective over a 2-D staircase: O(n log n).

import { orderByColumn } from './sort-order.js';
import { Staircase } from './staircase.js';
import type { FlatPoints } from './validate.js';

/**
 * Volume dominated by `points` (3 columns, all strictly better than `reference`). Points enter in
 * ascending third objective; between consecutive third values the dominated cross-section is the area
 * of the staircase of the (first, second) projections entered so far, which the staircase keeps up to
 * date in O(log n) amortised per point (the sweep of Beume, Fonseca, López-Ibáñez, Paquete and Vahrenhold).
 */
export function hypervolume3d(points: FlatPoints, reference: ArrayLike<number>): number {
  const { data, count } = points;
  const order = orderByColumn(points, 2);
  const staircase = new Staircase(reference[0] as number, reference[1] as number, Math.min(count, 1 << 16) + 1);
  const referenceThird = reference[2] as number;
  let volume = 0;
  for (let k = 0; k < count; k += 1) {
    const row = order[k] as number;
    staircase.insert(data[row * 3] as number, data[row * 3 + 1] as number);
    const nextThird = k + 1 < count ? (data[(order[k + 1] as number) * 3 + 2] as number) : referenceThird;
    volume += staircase.area * (nextThird - (data[row * 3 + 2] as number));
  }
  return volume;
}
