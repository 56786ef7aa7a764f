// The public exact hypervolume: checks the input, drops points outside the reference, dispatches by dimension.

import { exactHypervolume } from './hypervolume-exact.js';
import { distinctFront } from './pareto-front.js';
import { checkPointsAndReference, flattenInside, type PointSet } from './validate.js';

/**
 * Exact volume of the region dominated by `points` and bounded by `reference` (minimisation). Points not
 * strictly better than the reference in every objective add nothing and are ignored; no points gives 0.
 * O(n log n) in 2-D and 3-D; WFG with a 3-D base case above.
 */
export function hypervolume(points: PointSet, reference: readonly number[]): number {
  const dimension = checkPointsAndReference(points, reference);
  let { flat } = flattenInside(points, reference);
  if (flat.count === 0) return 0;
  if (dimension >= 4) flat = distinctFront(flat);
  return exactHypervolume(flat, Float64Array.from(reference));
}
