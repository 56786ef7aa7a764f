// MOEA/D's subproblems: weight vectors, their neighbourhoods, and the limited replacement of incumbents.

import { tchebycheff } from '../decomposition/tchebycheff.js';
import type { Individual } from '../types.js';

/** Weight used in place of 0, so no subproblem ignores an objective entirely (its optimum would be only weakly Pareto). */
export const WEIGHT_FLOOR = 1e-6;

/** The weights with zero components raised to WEIGHT_FLOOR. */
export function flooredWeights(directions: readonly (readonly number[])[]): number[][] {
  return directions.map((direction) => direction.map((value) => Math.max(value, WEIGHT_FLOOR)));
}

/**
 * For each weight vector, the indices of the `size` nearest weight vectors (Euclidean), itself first;
 * ties by index.
 */
export function neighbourhoods(weights: readonly (readonly number[])[], size: number): number[][] {
  return weights.map((weight, self) => {
    const distances = weights.map((other, index) => ({
      index,
      distance: index === self ? -1 : Math.hypot(...other.map((value, column) => value - (weight[column] as number))),
    }));
    distances.sort((left, right) => left.distance - right.distance || left.index - right.index);
    return distances.slice(0, size).map((entry) => entry.index);
  });
}

/**
 * Default neighbourhood size T: 20 (Zhang & Li's setting for populations of 100 and more), a fifth of the
 * subproblems for smaller ones, at least 2 and at most the number of subproblems.
 */
export function defaultNeighbourhoodSize(subproblems: number): number {
  return Math.max(Math.min(2, subproblems), Math.min(20, Math.floor(subproblems / 5), subproblems));
}

/** Per-objective divisors (nadir - ideal over the given points); 1 where that range is empty. */
export function objectiveScale(points: readonly (readonly number[])[], ideal: readonly number[]): number[] {
  return ideal.map((low, column) => {
    let high = -Infinity;
    for (const point of points) high = Math.max(high, point[column] as number);
    const range = high - low;
    return Number.isFinite(range) && range > 1e-12 * Math.max(1, Math.abs(low)) ? range : 1;
  });
}

/** True when `child` should replace `incumbent` on the subproblem: smaller violation, else a smaller Tchebycheff value. */
export function improves(
  child: Individual,
  incumbent: Individual | undefined,
  weight: readonly number[],
  ideal: readonly number[],
  scale: readonly number[],
): boolean {
  if (incumbent === undefined) return true;
  if (child.violation !== incumbent.violation) return child.violation < incumbent.violation;
  return tchebycheff(child.objectives, weight, ideal, scale) < tchebycheff(incumbent.objectives, weight, ideal, scale);
}

/**
 * Offers `child` to the subproblems in `order`, replacing each incumbent it improves on, until
 * `maxReplacements` were replaced (an empty subproblem counts). Mutates `incumbents`; returns the replaced indices.
 */
export function replaceIncumbents(
  incumbents: (Individual | undefined)[],
  child: Individual,
  order: readonly number[],
  weights: readonly (readonly number[])[],
  ideal: readonly number[],
  scale: readonly number[],
  maxReplacements: number,
): number[] {
  const replaced: number[] = [];
  for (const subproblem of order) {
    if (replaced.length >= maxReplacements) break;
    if (!improves(child, incumbents[subproblem], weights[subproblem] as readonly number[], ideal, scale)) continue;
    incumbents[subproblem] = child;
    replaced.push(subproblem);
  }
  return replaced;
}
