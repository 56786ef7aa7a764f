// Rank agreement between two paired samples (predictions and truth, two measurement passes): Kendall tau-b in
// O(n log n) (Knight's method), Spearman rho and Pearson r.

import { badInput } from './errors.js';

function checkPair(first: ArrayLike<number>, second: ArrayLike<number>): number {
  if (first === null || second === null || typeof first !== 'object' || typeof second !== 'object') {
    throw badInput('values', 'rank correlation needs two arrays of numbers', 'pass predictions and true values');
  }
  if (first.length !== second.length) {
    throw badInput('values', `arrays differ in length (${first.length} and ${second.length})`, 'pass one prediction per true value');
  }
  for (let index = 0; index < first.length; index += 1) {
    if (Number.isNaN(first[index]) || Number.isNaN(second[index])) {
      throw badInput('values', `value ${index} is NaN`, 'rank correlation needs comparable numbers');
    }
  }
  return first.length;
}

/** Pairs among `count` items that share a value, over runs of equal values in an ascending array. */
function tiedPairsOfSorted(sorted: Float64Array): number {
  let pairs = 0;
  let run = 1;
  for (let index = 1; index <= sorted.length; index += 1) {
    if (index < sorted.length && sorted[index] === sorted[index - 1]) {
      run += 1;
    } else {
      pairs += (run * (run - 1)) / 2;
      run = 1;
    }
  }
  return pairs;
}

/** Sorts `values` ascending (stable merge sort) and returns how many pairs were strictly out of order. */
function sortCountingInversions(values: Float64Array): number {
  const count = values.length;
  let source: Float64Array = values;
  let target: Float64Array = new Float64Array(count);
  let inversions = 0;
  for (let width = 1; width < count; width *= 2) {
    for (let start = 0; start < count; start += 2 * width) {
      const middle = Math.min(start + width, count);
      const end = Math.min(start + 2 * width, count);
      let left = start;
      let right = middle;
      let out = start;
      while (left < middle && right < end) {
        // Equal values are taken from the left: ties are not inversions.
        if ((source[right] as number) < (source[left] as number)) {
          target[out++] = source[right++] as number;
          inversions += middle - left;
        } else {
          target[out++] = source[left++] as number;
        }
      }
      while (left < middle) target[out++] = source[left++] as number;
      while (right < end) target[out++] = source[right++] as number;
    }
    const swap = source;
    source = target;
    target = swap;
  }
  if (source !== values) values.set(source);
  return inversions;
}

/**
 * Kendall's tau-b (ties in either array handled). NaN when it is undefined: fewer than two items, or one array
 * constant. Knight's method: sort by (first, second), then the discordant pairs are exactly the inversions left in
 * `second`, counted by a merge sort.
 */
export function kendallTau(first: ArrayLike<number>, second: ArrayLike<number>): number {
  const count = checkPair(first, second);
  if (count < 2) return Number.NaN;
  const order = new Int32Array(count);
  for (let index = 0; index < count; index += 1) order[index] = index;
  order.sort((i, j) => (first[i] as number) - (first[j] as number) || (second[i] as number) - (second[j] as number));

  const firstSorted = new Float64Array(count);
  const secondByFirst = new Float64Array(count);
  for (let position = 0; position < count; position += 1) {
    firstSorted[position] = first[order[position] as number] as number;
    secondByFirst[position] = second[order[position] as number] as number;
  }
  const tiedFirst = tiedPairsOfSorted(firstSorted);
  let tiedBoth = 0;
  let run = 1;
  for (let position = 1; position <= count; position += 1) {
    const same =
      position < count &&
      firstSorted[position] === firstSorted[position - 1] &&
      secondByFirst[position] === secondByFirst[position - 1];
    if (same) {
      run += 1;
    } else {
      tiedBoth += (run * (run - 1)) / 2;
      run = 1;
    }
  }
  const discordant = sortCountingInversions(secondByFirst);
  const tiedSecond = tiedPairsOfSorted(secondByFirst);
  const pairs = (count * (count - 1)) / 2;
  const denominator = Math.sqrt((pairs - tiedFirst) * (pairs - tiedSecond));
  if (denominator === 0) return Number.NaN;
  return (pairs - tiedFirst - tiedSecond + tiedBoth - 2 * discordant) / denominator;
}

/** Ranks 1..n, tied values sharing the mean of their ranks. */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const count = values.length;
  const order = new Int32Array(count);
  for (let index = 0; index < count; index += 1) order[index] = index;
  order.sort((i, j) => (values[i] as number) - (values[j] as number));
  const ranks = new Float64Array(count);
  let start = 0;
  while (start < count) {
    let end = start + 1;
    while (end < count && values[order[end] as number] === values[order[start] as number]) end += 1;
    const rank = (start + end + 1) / 2;
    for (let position = start; position < end; position += 1) ranks[order[position] as number] = rank;
    start = end;
  }
  return ranks;
}

/** Pearson correlation; NaN when either array is constant or has fewer than two items. */
export function pearson(first: ArrayLike<number>, second: ArrayLike<number>): number {
  const count = checkPair(first, second);
  if (count < 2) return Number.NaN;
  let meanFirst = 0;
  let meanSecond = 0;
  for (let index = 0; index < count; index += 1) {
    meanFirst += first[index] as number;
    meanSecond += second[index] as number;
  }
  meanFirst /= count;
  meanSecond /= count;
  let cross = 0;
  let squaresFirst = 0;
  let squaresSecond = 0;
  for (let index = 0; index < count; index += 1) {
    const deltaFirst = (first[index] as number) - meanFirst;
    const deltaSecond = (second[index] as number) - meanSecond;
    cross += deltaFirst * deltaSecond;
    squaresFirst += deltaFirst * deltaFirst;
    squaresSecond += deltaSecond * deltaSecond;
  }
  const denominator = Math.sqrt(squaresFirst * squaresSecond);
  return denominator === 0 ? Number.NaN : Math.max(-1, Math.min(1, cross / denominator));
}

/** Spearman's rho: Pearson correlation of average ranks. NaN when undefined (as pearson). */
export function spearman(first: ArrayLike<number>, second: ArrayLike<number>): number {
  checkPair(first, second);
  return pearson(averageRanks(first), averageRanks(second));
}
