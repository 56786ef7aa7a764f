// Non-dominated sorting into fronts (plain Pareto dominance and Deb's constraint domination).

import { badInput } from '../core/errors.js';
import { lexicographicOrder } from './sort-order.js';
import { Staircase } from './staircase.js';
import { checkPoints, flatten, type FlatPoints, type PointSet } from './validate.js';

/**
 * How fronts built so far answer "does a member of front k dominate this row?" for rows arriving in
 * lexicographic order (so a row is never dominated by a later one, and rows seen before it differ from it).
 */
interface FrontIndex {
  dominatedBy(front: number, row: number): boolean;
  add(front: number, row: number): void;
}

/**
 * Fronts of indices (front 0 = non-dominated), each ascending. Equal points always share a front.
 * Rows are placed in lexicographic order into the first front none of whose members dominates them
 * (found by binary search: being dominated by front k implies being dominated by every earlier front).
 * The dominance test per front is O(1) in 2-D and O(log n) in 3-D, so sorting is O(n log n) there.
 */
export function nonDominatedSort(points: PointSet): number[][] {
  const dimension = checkPoints(points, 'points');
  return sortFlat(flatten(points, dimension));
}

function sortFlat(points: FlatPoints): number[][] {
  const { data, count, dimension } = points;
  if (count === 0) return [];
  const index = createFrontIndex(points);
  const order = lexicographicOrder(points);
  const rank = new Int32Array(count);
  let frontCount = 0;
  let groupStart = 0;
  while (groupStart < count) {
    const representative = order[groupStart] as number;
    let groupEnd = groupStart + 1;
    while (groupEnd < count && rowsEqual(data, dimension, representative, order[groupEnd] as number)) groupEnd += 1;
    let low = 0;
    let high = frontCount;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (index.dominatedBy(middle, representative)) low = middle + 1;
      else high = middle;
    }
    if (low === frontCount) frontCount += 1;
    index.add(low, representative);
    for (let k = groupStart; k < groupEnd; k += 1) rank[order[k] as number] = low;
    groupStart = groupEnd;
  }
  // Filling the fronts in row order leaves each one ascending without sorting.
  const fronts: number[][] = Array.from({ length: frontCount }, () => []);
  for (let row = 0; row < count; row += 1) (fronts[rank[row] as number] as number[]).push(row);
  return fronts;
}

function createFrontIndex(points: FlatPoints): FrontIndex {
  const { data, dimension } = points;
  if (dimension === 2) {
    // Every member of a front has first <= the row's; one dominates it iff the lowest second is <= the row's.
    const lowestSecond: number[] = [];
    return {
      dominatedBy: (front, row) => (lowestSecond[front] as number) <= (data[row * 2 + 1] as number),
      add: (front, row) => {
        lowestSecond[front] = Math.min(lowestSecond[front] ?? Infinity, data[row * 2 + 1] as number);
      },
    };
  }
  if (dimension === 3) {
    const staircases: Staircase[] = [];
    return {
      dominatedBy: (front, row) =>
        (staircases[front] as Staircase).isWeaklyDominated(data[row * 3 + 1] as number, data[row * 3 + 2] as number),
      add: (front, row) => {
        let staircase = staircases[front];
        if (staircase === undefined) {
          staircase = new Staircase();
          staircases[front] = staircase;
        }
        staircase.insert(data[row * 3 + 1] as number, data[row * 3 + 2] as number);
      },
    };
  }
  const members: number[][] = [];
  return {
    dominatedBy: (front, row) => {
      const list = members[front] as number[];
      const offset = row * dimension;
      // Later members are closer in lexicographic order, hence more likely to dominate: test them first.
      for (let k = list.length - 1; k >= 0; k -= 1) {
        const other = (list[k] as number) * dimension;
        let column = 1;
        while (column < dimension && (data[other + column] as number) <= (data[offset + column] as number)) column += 1;
        if (column === dimension) return true;
      }
      return false;
    },
    add: (front, row) => {
      const list = members[front];
      if (list === undefined) members[front] = [row];
      else list.push(row);
    },
  };
}

function rowsEqual(data: Float64Array, dimension: number, rowA: number, rowB: number): boolean {
  for (let column = 0; column < dimension; column += 1) {
    if (data[rowA * dimension + column] !== data[rowB * dimension + column]) return false;
  }
  return true;
}

/**
 * Fronts under Deb's constraint domination: feasible points (violation 0) come first, sorted by Pareto
 * dominance; infeasible points follow, one front per distinct total violation, smallest first (among
 * infeasible points the objectives do not matter). Each front is ascending.
 */
export function nonDominatedSortConstrained(points: PointSet, violations: readonly number[]): number[][] {
  const dimension = checkPoints(points, 'points');
  if (!Array.isArray(violations) || violations.length !== points.length) {
    throw badInput(
      'violations',
      `expected one violation per point (${points.length}), got ${Array.isArray(violations) ? violations.length : typeof violations}`,
      'pass the total constraint violation of each point, 0 for feasible points',
    );
  }
  const feasible: number[] = [];
  const infeasible: number[] = [];
  for (let row = 0; row < violations.length; row += 1) {
    const violation = violations[row];
    if (typeof violation !== 'number' || !Number.isFinite(violation) || violation < 0) {
      throw badInput('violations', `violations[${row}] is ${String(violation)}`, 'use finite violations >= 0 (0 = feasible)');
    }
    if (violation === 0) feasible.push(row);
    else infeasible.push(row);
  }
  const fronts = sortFlat(flatten(feasible.map((row) => points[row] as readonly number[]), dimension)).map((front) =>
    front.map((position) => feasible[position] as number),
  );
  infeasible.sort((a, b) => (violations[a] as number) - (violations[b] as number) || a - b);
  let start = 0;
  while (start < infeasible.length) {
    const violation = violations[infeasible[start] as number];
    let end = start + 1;
    while (end < infeasible.length && violations[infeasible[end] as number] === violation) end += 1;
    fronts.push(infeasible.slice(start, end));
    start = end;
  }
  return fronts;
}
