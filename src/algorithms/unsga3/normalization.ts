// NSGA-III normalisation (Deb & Jain 2014): ideal point, extreme points by achievement scalarising, and intercepts.

import { solveLinear } from '../agemoea/geometry.js';

/** Weight used in place of 0 in the axis directions of the achievement scalarising function. */
export const AXIS_EPSILON = 1e-6;

/** Differences below this (relative to the objective's magnitude) count as degenerate. */
const DEGENERATE = 1e-10;

/** ASF(f, axis) = max_i (f_i - z_i) / w_i with w the axis direction, other weights AXIS_EPSILON. */
export function axisAsf(point: readonly number[], ideal: readonly number[], axis: number): number {
  let worst = -Infinity;
  for (let index = 0; index < point.length; index += 1) {
    const value = ((point[index] as number) - (ideal[index] as number)) / (index === axis ? 1 : AXIS_EPSILON);
    if (value > worst) worst = value;
  }
  return worst;
}

/** For each objective axis, the point with the smallest ASF for that axis (ties: the earliest). */
export function extremePoints(points: readonly (readonly number[])[], ideal: readonly number[]): number[][] {
  const extremes: number[][] = [];
  for (let axis = 0; axis < ideal.length; axis += 1) {
    let best: readonly number[] | undefined;
    let bestValue = Infinity;
    for (const point of points) {
      const value = axisAsf(point, ideal, axis);
      if (value < bestValue) {
        best = point;
        bestValue = value;
      }
    }
    extremes.push([...(best ?? ideal)]);
  }
  return extremes;
}

/** Largest value of each objective over the points. */
export function worstPoint(points: readonly (readonly number[])[], dimension: number): number[] {
  return Array.from({ length: dimension }, (_, column) => Math.max(...points.map((point) => point[column] as number)));
}

export interface NadirInputs {
  readonly ideal: readonly number[];
  readonly extremes: readonly (readonly number[])[];
  /** Worst values over the first non-dominated front. */
  readonly worstOfFront: readonly number[];
  /** Worst values over all members considered. */
  readonly worstOfAll: readonly number[];
}

/**
 * The nadir estimate: ideal + the intercepts of the hyperplane through the extreme points, each at most the
 * worst value of all members. When the plane is singular or an intercept is not positive and finite, the
 * worst of the first front instead. Any objective whose range would still be degenerate takes the worst of
 * all members, and one with no range at all gets a range of 1.
 */
export function nadirPoint(inputs: NadirInputs): number[] {
  const { ideal, extremes, worstOfFront, worstOfAll } = inputs;
  const dimension = ideal.length;
  const translated = extremes.map((point) => point.map((value, column) => value - (ideal[column] as number)));
  const solution = solveLinear(translated, new Array<number>(dimension).fill(1));
  let nadir: number[];
  const intercepts = solution?.map((value) => 1 / value);
  if (intercepts !== undefined && intercepts.every((value, column) => Number.isFinite(value) && value > tiny(ideal, column))) {
    nadir = intercepts.map((value, column) => Math.min((ideal[column] as number) + value, worstOfAll[column] as number));
  } else {
    nadir = [...worstOfFront];
  }
  return nadir.map((value, column) => {
    const low = ideal[column] as number;
    if (value - low > tiny(ideal, column)) return value;
    const worst = worstOfAll[column] as number;
    return worst - low > tiny(ideal, column) ? worst : low + 1;
  });
}

/** Normalised objectives: (f - ideal) / (nadir - ideal). */
export function normalizePoints(
  points: readonly (readonly number[])[],
  ideal: readonly number[],
  nadir: readonly number[],
): number[][] {
  return points.map((point) => point.map((value, column) => (value - (ideal[column] as number)) / ((nadir[column] as number) - (ideal[column] as number))));
}

function tiny(ideal: readonly number[], column: number): number {
  return DEGENERATE * Math.max(1, Math.abs(ideal[column] as number));
}
