// Rescaling objectives: min-max normalisation and turning mixed directions into minimisation.

import { badInput } from '../core/errors.js';
import { toMinimization, type Direction } from '../core/objective.js';
import { checkPoints, checkVector, type PointSet } from './validate.js';

/**
 * Maps each objective linearly so that `ideal` goes to 0 and `nadir` to 1. Values outside
 * [ideal, nadir] land outside [0, 1] (not clipped, so dominance is preserved). An objective with
 * ideal === nadir maps to 0 (it carries no information).
 */
export function normalize(points: PointSet, ideal: readonly number[], nadir: readonly number[]): number[][] {
  const dimension = checkPoints(points, 'points', Array.isArray(ideal) ? ideal.length : 0);
  checkVector(ideal, dimension, 'ideal');
  checkVector(nadir, dimension, 'nadir');
  for (let column = 0; column < dimension; column += 1) {
    if ((nadir[column] as number) < (ideal[column] as number)) {
      throw badInput('nadir', `nadir[${column}] = ${nadir[column]} is below ideal[${column}] = ${ideal[column]}`, 'under minimisation the nadir is the worst value: nadir >= ideal');
    }
  }
  return points.map((point) =>
    point.map((value, column) => {
      const low = ideal[column] as number;
      const range = (nadir[column] as number) - low;
      return range === 0 ? 0 : (value - low) / range;
    }),
  );
}

/** The points with every `maximize` objective negated, so that all objectives are minimised. */
export function toMinimizationPoints(points: PointSet, directions: readonly Direction[]): number[][] {
  const dimension = checkPoints(points, 'points', Array.isArray(directions) ? directions.length : 0);
  if (!Array.isArray(directions) || directions.length !== dimension) {
    throw badInput('directions', `expected ${dimension} directions, one per objective`, "give 'minimize' or 'maximize' for each objective");
  }
  directions.forEach((direction, column) => {
    if (direction !== 'minimize' && direction !== 'maximize') {
      throw badInput('directions', `directions[${column}] is ${String(direction)}`, "use 'minimize' or 'maximize'");
    }
  });
  return points.map((point) => point.map((value, column) => toMinimization(value, directions[column] as Direction)));
}
