// Das-Dennis reference directions: every point of the unit simplex whose coordinates are multiples of 1/H.

import { badInput } from '../../core/errors.js';

/** C(n, k) for the small arguments used here (exact while below 2^53). */
export function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let result = 1;
  const smaller = Math.min(k, n - k);
  for (let step = 1; step <= smaller; step += 1) result = (result * (n - smaller + step)) / step;
  return Math.round(result);
}

/** Number of Das-Dennis directions for `objectives` objectives and `partitions` partitions: C(H + M - 1, M - 1). */
export function dasDennisCount(objectives: number, partitions: number): number {
  checkObjectives(objectives);
  if (objectives === 1) return 1;
  checkPartitions(partitions);
  return binomial(partitions + objectives - 1, objectives - 1);
}

/**
 * The C(H + M - 1, M - 1) vectors (k_1 / H, …, k_M / H) with non-negative integers k summing to H, in
 * lexicographic order of (k_1, …, k_M). Coordinates are computed as k / H, so multiples of powers of two are
 * exact. One objective has the single direction [1] whatever H.
 */
export function dasDennis(objectives: number, partitions: number): number[][] {
  checkObjectives(objectives);
  if (objectives === 1) return [[1]];
  checkPartitions(partitions);
  const directions: number[][] = [];
  const counts = new Array<number>(objectives).fill(0);
  const fill = (position: number, left: number): void => {
    if (position === objectives - 1) {
      counts[position] = left;
      directions.push(counts.map((count) => count / partitions));
      return;
    }
    for (let count = 0; count <= left; count += 1) {
      counts[position] = count;
      fill(position + 1, left - count);
    }
  };
  fill(0, partitions);
  return directions;
}

/**
 * The partition count used when a population size is given: the largest H >= 1 whose direction count
 * C(H + M - 1, M - 1) does not exceed `populationSize`, so there are never more directions than members
 * (two objectives: H = N - 1, exactly N directions; three objectives and N = 50: H = 8, 45 directions).
 * When even H = 1 gives more directions than members (N < M), H = 1 (M directions, the axes).
 */
export function partitionsForPopulation(objectives: number, populationSize: number): number {
  checkObjectives(objectives);
  if (!Number.isInteger(populationSize) || populationSize < 1) {
    throw badInput('populationSize', `must be a positive integer, got ${populationSize}`);
  }
  if (objectives === 1) return 1;
  let partitions = 1;
  while (dasDennisCount(objectives, partitions + 1) <= populationSize) partitions += 1;
  return partitions;
}

/** The Das-Dennis directions for a population size, by the rule of `partitionsForPopulation`. */
export function directionsForPopulation(objectives: number, populationSize: number): number[][] {
  return dasDennis(objectives, partitionsForPopulation(objectives, populationSize));
}

function checkObjectives(objectives: number): void {
  if (!Number.isInteger(objectives) || objectives < 1) throw badInput('objectives', `must be a positive integer, got ${objectives}`);
}

function checkPartitions(partitions: number): void {
  if (!Number.isInteger(partitions) || partitions < 1) throw badInput('partitions', `must be a positive integer, got ${partitions}`);
}
