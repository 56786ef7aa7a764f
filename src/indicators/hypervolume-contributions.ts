// Exclusive hypervolume contribution of each point: the volume lost when that point alone is removed.

import { hypervolume2d } from './hypervolume-2d.js';
import { exactHypervolume } from './hypervolume-exact.js';
import { classifyFront, distinctFront, FRONT_UNIQUE, isFrontRepresentative } from './pareto-front.js';
import { lexicographicOrder } from './sort-order.js';
import { checkPointsAndReference, flattenInside, type FlatPoints, type PointSet } from './validate.js';

/**
 * Exclusive contribution of every point, aligned with `points`. Only a non-dominated point that occurs
 * once can own volume; dominated points, points outside the reference and repeated points get 0.
 * Removing a front point p uncovers whatever p alone dominated, so the points p dominates still count:
 * p owns its box minus the volume that the other points cover inside that box.
 * 2-D: O(n log n) via the staircase neighbours. Otherwise one limit-set hypervolume per front point.
 */
export function hypervolumeContributions(points: PointSet, reference: readonly number[]): number[] {
  const dimension = checkPointsAndReference(points, reference);
  const contributions = new Array<number>(points.length).fill(0);
  const { flat, kept } = flattenInside(points, reference);
  if (flat.count === 0) return contributions;
  const status = classifyFront(flat);
  const exclusive = dimension === 2 ? staircaseContributions(flat, status, reference) : limitSetContributions(flat, status, reference);
  for (let row = 0; row < flat.count; row += 1) contributions[kept[row] as number] = exclusive[row] as number;
  return contributions;
}

/**
 * On a 2-D staircase, with neighbours (x⁻, y⁻) and (x⁺, y⁺), front point p alone covers the rectangle
 * [p.x, x⁺) x [p.y, y⁻) apart from what the points in that rectangle (all dominated by p) cover. Those
 * rectangles do not overlap, so every other point is measured in at most one of them.
 */
function staircaseContributions(points: FlatPoints, status: Uint8Array, reference: readonly number[]): Float64Array {
  const { data, count } = points;
  const result = new Float64Array(count);
  const frontRows: number[] = [];
  for (const row of lexicographicOrder(points)) if (isFrontRepresentative(status[row] as number)) frontRows.push(row);
  const frontSize = frontRows.length;
  const firstOf = (rank: number): number => data[(frontRows[rank] as number) * 2] as number;
  const secondOf = (rank: number): number => data[(frontRows[rank] as number) * 2 + 1] as number;
  const rightEdge = (rank: number): number => (rank + 1 < frontSize ? firstOf(rank + 1) : (reference[0] as number));
  const topEdge = (rank: number): number => (rank > 0 ? secondOf(rank - 1) : (reference[1] as number));
  const inside: number[][] = Array.from({ length: frontSize }, () => []);
  for (let row = 0; row < count; row += 1) {
    if (isFrontRepresentative(status[row] as number)) continue;
    const first = data[row * 2] as number;
    // The front point whose column [x, x⁺) holds this point (the last one with x <= first).
    let low = 0;
    let high = frontSize - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (firstOf(middle) <= first) low = middle;
      else high = middle - 1;
    }
    if ((data[row * 2 + 1] as number) < topEdge(low)) (inside[low] as number[]).push(row);
  }
  for (let rank = 0; rank < frontSize; rank += 1) {
    const row = frontRows[rank] as number;
    if (status[row] !== FRONT_UNIQUE) continue;
    const right = rightEdge(rank);
    const top = topEdge(rank);
    const box = (right - (data[row * 2] as number)) * (top - (data[row * 2 + 1] as number));
    const members = inside[rank] as number[];
    const covered =
      members.length === 0
        ? 0
        : hypervolume2d(
            { data: Float64Array.from(members.flatMap((member) => [data[member * 2] as number, data[member * 2 + 1] as number])), count: members.length, dimension: 2 },
            [right, top],
          );
    result[row] = Math.max(0, box - covered);
  }
  return result;
}

/**
 * Box of p minus the hypervolume of the limit set max(q, p). Only the other front points and the points
 * p dominates can matter: a point dominated by another front point s is covered by s's limit.
 */
function limitSetContributions(points: FlatPoints, status: Uint8Array, reference: readonly number[]): Float64Array {
  const { data, count, dimension } = points;
  const referenceVector = Float64Array.from(reference);
  const limits = new Float64Array(count * dimension);
  const result = new Float64Array(count);
  for (let row = 0; row < count; row += 1) {
    if (status[row] !== FRONT_UNIQUE) continue;
    const offset = row * dimension;
    let box = 1;
    for (let column = 0; column < dimension; column += 1) box *= (reference[column] as number) - (data[offset + column] as number);
    let limitCount = 0;
    for (let other = 0; other < count; other += 1) {
      if (other === row) continue;
      const otherOffset = other * dimension;
      if (!isFrontRepresentative(status[other] as number)) {
        let dominatedByRow = true;
        for (let column = 0; column < dimension && dominatedByRow; column += 1) {
          if ((data[otherOffset + column] as number) < (data[offset + column] as number)) dominatedByRow = false;
        }
        if (!dominatedByRow) continue;
      }
      for (let column = 0; column < dimension; column += 1) {
        limits[limitCount * dimension + column] = Math.max(data[otherOffset + column] as number, data[offset + column] as number);
      }
      limitCount += 1;
    }
    let limitSet: FlatPoints = { data: limits.subarray(0, limitCount * dimension), count: limitCount, dimension };
    if (dimension >= 4) limitSet = distinctFront(limitSet);
    result[row] = Math.max(0, box - exactHypervolume(limitSet, referenceVector));
  }
  return result;
}
