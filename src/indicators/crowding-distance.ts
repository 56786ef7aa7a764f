// NSGA-II crowding distance of the members of one front.

import { badInput } from '../core/errors.js';
import { checkPoints, type PointSet } from './validate.js';

/**
 * Crowding distance of each member of `front` (indices into `points`), aligned with `front`: the sum
 * over objectives of the normalised gap between a member's two neighbours along that objective.
 * - The extremes of an objective get Infinity; an objective whose values are all equal adds 0 to
 *   everyone (it separates nothing), extremes included.
 * - Equal points: the copy with the lowest index is measured among the distinct points, every other copy
 *   gets 0, so survival by crowding drops duplicates first and the result does not depend on the order of `front`.
 * - Fewer than three distinct points: all of them get Infinity.
 */
export function crowdingDistance(points: PointSet, front: readonly number[]): number[] {
  const dimension = checkPoints(points, 'points');
  checkFront(front, points.length);
  const distance = new Array<number>(front.length).fill(0);
  // Positions (into `front`) of the lowest-index copy of each distinct point.
  const byIndex = front.map((index, position) => ({ index, position })).sort((a, b) => a.index - b.index);
  const seen = new Map<string, number>();
  const distinct: number[] = [];
  for (const { index, position } of byIndex) {
    const key = (points[index] as readonly number[]).join(',');
    if (!seen.has(key)) {
      seen.set(key, position);
      distinct.push(position);
    }
  }
  if (distinct.length <= 2) {
    for (const position of distinct) distance[position] = Infinity;
    return distance;
  }
  const valueAt = (position: number, column: number): number =>
    (points[front[position] as number] as readonly number[])[column] as number;
  for (let column = 0; column < dimension; column += 1) {
    // Distinct points never tie in all objectives, but may tie in this one: break ties by index.
    const order = [...distinct].sort(
      (a, b) => valueAt(a, column) - valueAt(b, column) || (front[a] as number) - (front[b] as number),
    );
    const last = order.length - 1;
    const lowest = valueAt(order[0] as number, column);
    const range = valueAt(order[last] as number, column) - lowest;
    if (range === 0) continue;
    distance[order[0] as number] = Infinity;
    distance[order[last] as number] = Infinity;
    for (let rank = 1; rank < last; rank += 1) {
      const position = order[rank] as number;
      const gap = valueAt(order[rank + 1] as number, column) - valueAt(order[rank - 1] as number, column);
      distance[position] = (distance[position] as number) + gap / range;
    }
  }
  return distance;
}

function checkFront(front: readonly number[], pointCount: number): void {
  if (!Array.isArray(front)) throw badInput('front', 'expected an array of point indices', 'pass the indices of one front, e.g. an entry of nonDominatedSort(points)');
  const used = new Set<number>();
  for (let position = 0; position < front.length; position += 1) {
    const index = front[position];
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= pointCount) {
      throw badInput('front', `front[${position}] is ${String(index)}, not an index of points (0..${pointCount - 1})`, 'pass indices into points');
    }
    if (used.has(index)) throw badInput('front', `index ${index} appears twice`, 'list each member of the front once');
    used.add(index);
  }
}
