// Pareto filtering: which points no other point dominates (sort-based: O(n log n) in 2-D and 3-D).

import { Staircase } from './staircase.js';
import { lexicographicOrder } from './sort-order.js';
import { checkPoints, flatten, type FlatPoints, type PointSet } from './validate.js';

/** Per-point verdicts of `classifyFront`. */
export const DOMINATED = 0;
/** Non-dominated and occurring once. */
export const FRONT_UNIQUE = 1;
/** Non-dominated, occurring several times, and the first (lowest index) of its equal copies. */
export const FRONT_FIRST_COPY = 2;
/** Non-dominated, equal to a point with a lower index. */
export const FRONT_LATER_COPY = 3;

/** True for the one row kept per distinct non-dominated point. */
export function isFrontRepresentative(status: number): boolean {
  return status === FRONT_UNIQUE || status === FRONT_FIRST_COPY;
}

/**
 * Classifies every point as dominated or non-dominated (unique, first copy or later copy).
 * Points are visited in lexicographic order, so only earlier points can dominate a later one and equal
 * points are adjacent; the check against earlier points is a running minimum in 2-D, a staircase query
 * in 3-D and a scan of the front found so far above that.
 */
export function classifyFront(points: FlatPoints): Uint8Array {
  const { data, count, dimension } = points;
  const status = new Uint8Array(count);
  if (count === 0) return status;
  const order = lexicographicOrder(points);
  const isDominated = dominatedByEarlier(points);
  let groupStart = 0;
  while (groupStart < count) {
    const representative = order[groupStart] as number;
    let groupEnd = groupStart + 1;
    while (groupEnd < count && rowsEqual(data, dimension, representative, order[groupEnd] as number)) groupEnd += 1;
    if (!isDominated(representative)) {
      // Equal points are in index order within the group: the first one is the lowest index.
      status[representative] = groupEnd - groupStart === 1 ? FRONT_UNIQUE : FRONT_FIRST_COPY;
      for (let k = groupStart + 1; k < groupEnd; k += 1) status[order[k] as number] = FRONT_LATER_COPY;
    }
    groupStart = groupEnd;
  }
  return status;
}

/**
 * A stateful test, for rows given in lexicographic order one equal-group at a time: is this row
 * dominated by a row seen before? Non-dominated rows are remembered.
 */
function dominatedByEarlier(points: FlatPoints): (row: number) => boolean {
  const { data, dimension } = points;
  if (dimension === 1) {
    // After sorting, only the first group (the minimum) is non-dominated.
    let seen = false;
    return () => {
      const dominated = seen;
      seen = true;
      return dominated;
    };
  }
  if (dimension === 2) {
    let lowestSecond = Infinity;
    return (row) => {
      const second = data[row * 2 + 1] as number;
      if (lowestSecond <= second) return true;
      lowestSecond = second;
      return false;
    };
  }
  if (dimension === 3) {
    const staircase = new Staircase();
    return (row) => {
      const second = data[row * 3 + 1] as number;
      const third = data[row * 3 + 2] as number;
      if (staircase.isWeaklyDominated(second, third)) return true;
      staircase.insert(second, third);
      return false;
    };
  }
  const front: number[] = [];
  return (row) => {
    const offset = row * dimension;
    for (let k = front.length - 1; k >= 0; k -= 1) {
      const other = (front[k] as number) * dimension;
      // Column 0 is already no worse for every earlier row.
      let column = 1;
      while (column < dimension && (data[other + column] as number) <= (data[offset + column] as number)) column += 1;
      if (column === dimension) return true;
    }
    front.push(row);
    return false;
  };
}

function rowsEqual(data: Float64Array, dimension: number, rowA: number, rowB: number): boolean {
  const offsetA = rowA * dimension;
  const offsetB = rowB * dimension;
  for (let column = 0; column < dimension; column += 1) {
    if (data[offsetA + column] !== data[offsetB + column]) return false;
  }
  return true;
}

/** The distinct non-dominated rows of a flat set, as a new flat set (input order of first copies). */
export function distinctFront(points: FlatPoints): FlatPoints {
  const status = classifyFront(points);
  const { data, count, dimension } = points;
  let kept = 0;
  for (let row = 0; row < count; row += 1) if (isFrontRepresentative(status[row] as number)) kept += 1;
  if (kept === count) return points;
  const result = new Float64Array(kept * dimension);
  let offset = 0;
  for (let row = 0; row < count; row += 1) {
    if (!isFrontRepresentative(status[row] as number)) continue;
    result.set(data.subarray(row * dimension, (row + 1) * dimension), offset);
    offset += dimension;
  }
  return { data: result, count: kept, dimension };
}

/**
 * Indices (ascending) of every point that no other point dominates, including every copy of a
 * non-dominated point that occurs several times.
 */
export function paretoFrontIndices(points: PointSet): number[] {
  const dimension = checkPoints(points, 'points');
  const status = classifyFront(flatten(points, dimension));
  const indices: number[] = [];
  for (let row = 0; row < status.length; row += 1) if (status[row] !== DOMINATED) indices.push(row);
  return indices;
}

/** The distinct non-dominated points (copies), in the input order of their first occurrence. */
export function paretoFront(points: PointSet): number[][] {
  const dimension = checkPoints(points, 'points');
  const status = classifyFront(flatten(points, dimension));
  const front: number[][] = [];
  for (let row = 0; row < status.length; row += 1) {
    if (isFrontRepresentative(status[row] as number)) front.push([...(points[row] as readonly number[])]);
  }
  return front;
}
