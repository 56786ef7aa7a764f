// Exact hypervolume of a flat point set in any dimension: the 1-, 2- and 3-D kernels, WFG above.

import { hypervolume2d } from './hypervolume-2d.js';
import { hypervolume3d } from './hypervolume-3d.js';
import { distinctFront } from './pareto-front.js';
import { orderByColumn } from './sort-order.js';
import type { FlatPoints } from './validate.js';

/**
 * Hypervolume of `points`, every one strictly better than `reference` in each of its `dimension` columns
 * (the reference may be longer: only its first `dimension` values are read).
 */
export function exactHypervolume(points: FlatPoints, reference: ArrayLike<number>): number {
  const { data, count, dimension } = points;
  if (count === 0) return 0;
  if (dimension === 1) {
    let lowest = Infinity;
    for (let row = 0; row < count; row += 1) lowest = Math.min(lowest, data[row] as number);
    return (reference[0] as number) - lowest;
  }
  if (dimension === 2) return hypervolume2d(points, reference);
  if (dimension === 3) return hypervolume3d(points, reference);
  return hypervolumeWfg(points, reference);
}

/**
 * WFG (While, Bradstreet, Barone) with slicing along the last objective. With the points sorted by the
 * last objective, the slab of the volume above point k's last value gains exactly point k's exclusive
 * (m-1)-D contribution relative to the points before it, so
 *   HV = sum_k (reference_last - last_k) * (box_k - HV_{m-1}(limit set of the earlier points against k)),
 * where the limit set replaces each earlier point q by max(q, point k) in the first m-1 objectives. The
 * recursion bottoms out in the 3-D sweep.
 */
function hypervolumeWfg(points: FlatPoints, reference: ArrayLike<number>): number {
  const { data, count, dimension } = points;
  const lower = dimension - 1;
  const order = orderByColumn(points, lower);
  const limits = new Float64Array(count * lower);
  const referenceLast = reference[lower] as number;
  let volume = 0;
  for (let k = 0; k < count; k += 1) {
    const offset = (order[k] as number) * dimension;
    let box = 1;
    for (let column = 0; column < lower; column += 1) box *= (reference[column] as number) - (data[offset + column] as number);
    let limitCount = 0;
    let covered = false;
    for (let earlier = 0; earlier < k && !covered; earlier += 1) {
      const other = (order[earlier] as number) * dimension;
      const target = limitCount * lower;
      let sameAsPoint = true;
      for (let column = 0; column < lower; column += 1) {
        const own = data[offset + column] as number;
        const limit = Math.max(data[other + column] as number, own);
        limits[target + column] = limit;
        if (limit !== own) sameAsPoint = false;
      }
      // An earlier point no worse in the first m-1 objectives leaves this point no exclusive slice.
      if (sameAsPoint) covered = true;
      limitCount += 1;
    }
    if (covered) continue;
    let limitSet: FlatPoints = { data: limits.subarray(0, limitCount * lower), count: limitCount, dimension: lower };
    // The 2-D and 3-D kernels skip dominated points on their own; above that, pruning them first pays off.
    if (lower >= 4) limitSet = distinctFront(limitSet);
    const exclusive = box - exactHypervolume(limitSet, reference);
    // Rounding can push a tiny exclusive volume below zero; it is never negative in exact arithmetic.
    if (exclusive > 0) volume += (referenceLast - (data[offset + lower] as number)) * exclusive;
  }
  return volume;
}
