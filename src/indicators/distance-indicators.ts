// Distance-based indicators against a reference front: IGD and IGD+ (Ishibuchi et al.).

import { badInput } from '../core/errors.js';
import { checkPoints, type PointSet } from './validate.js';

/**
 * Inverted generational distance: the mean, over reference points, of the Euclidean distance to the
 * nearest point. Infinity when `points` is empty (nothing approximates the front).
 */
export function igd(points: PointSet, referenceFront: PointSet): number {
  return meanNearest(points, referenceFront, (gap) => gap);
}

/**
 * IGD+: like IGD, but only the objectives in which a point is worse than the reference point count,
 * which makes the indicator weakly Pareto compliant. Infinity when `points` is empty.
 */
export function igdPlus(points: PointSet, referenceFront: PointSet): number {
  return meanNearest(points, referenceFront, (gap) => (gap > 0 ? gap : 0));
}

function meanNearest(points: PointSet, referenceFront: PointSet, keep: (gap: number) => number): number {
  const dimension = checkPoints(referenceFront, 'referenceFront');
  if (referenceFront.length === 0) {
    throw badInput('referenceFront', 'is empty', 'give at least one point of the true (or best known) front');
  }
  checkPoints(points, 'points', dimension);
  if (points.length > 0 && (points[0] as readonly number[]).length !== dimension) {
    throw badInput(
      'points',
      `points have ${(points[0] as readonly number[]).length} objectives but the reference front has ${dimension}`,
      'compare points and reference front in the same objective space',
    );
  }
  if (points.length === 0) return Infinity;
  let sum = 0;
  for (const target of referenceFront) {
    let nearestSquared = Infinity;
    for (const point of points) {
      let squared = 0;
      for (let column = 0; column < dimension && squared < nearestSquared; column += 1) {
        const gap = keep((point[column] as number) - (target[column] as number));
        squared += gap * gap;
      }
      if (squared < nearestSquared) nearestSquared = squared;
    }
    sum += Math.sqrt(nearestSquared);
  }
  return sum / referenceFront.length;
}
