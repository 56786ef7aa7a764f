// Input checks shared by the indicators: rectangular, finite point sets and matching reference vectors.

import { badInput } from '../core/errors.js';

/** Points as the indicators accept them: one row per point, one column per objective (all minimised). */
export type PointSet = readonly (readonly number[])[];

/** A point set copied into one row-major typed array, which the inner loops read without bounds checks. */
export interface FlatPoints {
  readonly data: Float64Array;
  readonly count: number;
  readonly dimension: number;
}

/**
 * Checks that `points` is a list of equally long lists of finite numbers and returns its dimension
 * (`fallbackDimension`, default 0, when the list is empty).
 */
export function checkPoints(points: PointSet, field: string, fallbackDimension = 0): number {
  if (!Array.isArray(points)) {
    throw badInput(field, 'expected an array of points', 'pass number[][] with one row per point and one column per objective');
  }
  if (points.length === 0) return fallbackDimension;
  const first = points[0];
  if (!Array.isArray(first) || first.length === 0) {
    throw badInput(field, `${field}[0] is not a non-empty array of numbers`, 'give every point at least one objective value');
  }
  const dimension = first.length;
  for (let row = 0; row < points.length; row += 1) {
    const point = points[row];
    if (!Array.isArray(point)) {
      throw badInput(field, `${field}[${row}] is not an array`, 'give every point as an array of objective values');
    }
    if (point.length !== dimension) {
      throw badInput(
        field,
        `${field}[${row}] has ${point.length} values but ${field}[0] has ${dimension}`,
        'give every point the same number of objectives',
      );
    }
    for (let column = 0; column < dimension; column += 1) {
      const value = point[column];
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw badInput(
          field,
          `${field}[${row}][${column}] is ${String(value)}, not a finite number`,
          'remove or repair points with missing, NaN or infinite objective values',
        );
      }
    }
  }
  return dimension;
}

/** Checks one vector of finite numbers of the given length (a reference point, an ideal or a nadir). */
export function checkVector(vector: readonly number[], dimension: number, field: string): void {
  if (!Array.isArray(vector)) {
    throw badInput(field, 'expected an array of numbers', `pass one finite number per objective (${dimension})`);
  }
  if (vector.length !== dimension) {
    throw badInput(
      field,
      `has ${vector.length} values but the points have ${dimension} objectives`,
      'give one value per objective, in the same order as the points',
    );
  }
  for (let column = 0; column < dimension; column += 1) {
    const value = vector[column];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw badInput(field, `${field}[${column}] is ${String(value)}, not a finite number`, 'use finite numbers only');
    }
  }
}

/** Checks a reference point and the points together; returns the dimension (taken from the reference). */
export function checkPointsAndReference(points: PointSet, reference: readonly number[], pointsField = 'points'): number {
  if (!Array.isArray(reference) || reference.length === 0) {
    throw badInput('reference', 'expected a non-empty array of numbers', 'give one reference value per objective, worse than every point of interest');
  }
  const dimension = checkPoints(points, pointsField, reference.length);
  checkVector(reference, dimension, 'reference');
  return dimension;
}

/** Copies (already checked) points into a row-major typed array. */
export function flatten(points: PointSet, dimension: number): FlatPoints {
  const count = points.length;
  const data = new Float64Array(count * dimension);
  let offset = 0;
  for (let row = 0; row < count; row += 1) {
    const point = points[row] as readonly number[];
    for (let column = 0; column < dimension; column += 1) data[offset++] = point[column] as number;
  }
  return { data, count, dimension };
}

/**
 * Copies the (already checked) points that are strictly better than the reference in every objective,
 * the only ones that dominate any volume; `kept[k]` is the input row of flat row k.
 */
export function flattenInside(
  points: PointSet,
  reference: readonly number[],
): { readonly flat: FlatPoints; readonly kept: Uint32Array } {
  const dimension = reference.length;
  const kept = new Uint32Array(points.length);
  let count = 0;
  for (let row = 0; row < points.length; row += 1) {
    const point = points[row] as readonly number[];
    let inside = true;
    for (let column = 0; column < dimension; column += 1) {
      if (!((point[column] as number) < (reference[column] as number))) {
        inside = false;
        break;
      }
    }
    if (inside) kept[count++] = row;
  }
  const data = new Float64Array(count * dimension);
  for (let k = 0; k < count; k += 1) {
    const point = points[kept[k] as number] as readonly number[];
    for (let column = 0; column < dimension; column += 1) data[k * dimension + column] = point[column] as number;
  }
  return { flat: { data, count, dimension }, kept: kept.subarray(0, count) };
}
