// Index orders of flat point sets: by one column, or lexicographically; radix-sorted for large sets.

import type { FlatPoints } from './validate.js';

/** Below this size a comparison sort of an index array beats the fixed cost of the radix passes. */
const RADIX_THRESHOLD = 2048;
/** 11-bit digits: six passes cover 64 bits, and 2048 buckets keep the scattered writes cache-friendly. */
const DIGIT_BITS = 11;
const DIGIT_COUNT = 1 << DIGIT_BITS;
const DIGIT_MASK = DIGIT_COUNT - 1;
const PASSES = 6;

/** Keys in ascending order, the input index of each, and the payload moved along with them. */
export interface RadixSorted {
  readonly order: Uint32Array;
  readonly keys: Float64Array;
  readonly payload: Float64Array | undefined;
}

/** Digit `pass` (0 = least significant) of the 64-bit key split into high and low words. */
function digitOf(high: number, low: number, pass: number): number {
  const shift = pass * DIGIT_BITS;
  if (shift >= 32) return (high >>> (shift - 32)) & DIGIT_MASK;
  if (shift + DIGIT_BITS > 32) return ((low >>> shift) | (high << (32 - shift))) & DIGIT_MASK;
  return (low >>> shift) & DIGIT_MASK;
}

/**
 * Stable sort of float keys (no NaN) by least-significant-digit radix sort on the IEEE-754 bits mapped to
 * unsigned integers that compare like the doubles; several times faster than a comparator sort for a
 * million keys. The key words, the index and the optional payload travel together, so every pass reads
 * sequentially and the caller can sweep the sorted keys and payload without random access.
 */
export function radixSort(keys: Float64Array, payload?: Float64Array): RadixSorted {
  const count = keys.length;
  let high = new Uint32Array(count);
  let low = new Uint32Array(count);
  const scratch = new Float64Array(1);
  const words = new Uint32Array(scratch.buffer);
  const highWord = isLittleEndian() ? 1 : 0;
  for (let i = 0; i < count; i += 1) {
    // Adding 0 turns -0 into +0 so that both sort as equal.
    scratch[0] = (keys[i] as number) + 0;
    let upper = words[highWord] as number;
    let lower = words[1 - highWord] as number;
    if (upper >>> 31 === 1) {
      // Negative: flip every bit so that larger magnitudes sort first.
      upper = ~upper >>> 0;
      lower = ~lower >>> 0;
    } else {
      upper = (upper | 0x80000000) >>> 0;
    }
    high[i] = upper;
    low[i] = lower;
  }
  // All six histograms in one read of the keys.
  const starts = new Uint32Array(PASSES * DIGIT_COUNT);
  for (let i = 0; i < count; i += 1) {
    const upper = high[i] as number;
    const lower = low[i] as number;
    for (let pass = 0; pass < PASSES; pass += 1) {
      const slot = pass * DIGIT_COUNT + digitOf(upper, lower, pass);
      starts[slot] = (starts[slot] as number) + 1;
    }
  }
  let order = new Uint32Array(count);
  for (let i = 0; i < count; i += 1) order[i] = i;
  let carried = payload === undefined ? undefined : Float64Array.from(payload);
  let nextOrder = new Uint32Array(count);
  let nextHigh = new Uint32Array(count);
  let nextLow = new Uint32Array(count);
  let nextCarried = carried === undefined ? undefined : new Float64Array(count);
  for (let pass = 0; pass < PASSES && count > 1; pass += 1) {
    const base = pass * DIGIT_COUNT;
    // A pass where every key has the same digit would only copy: skip it.
    if (starts[base + digitOf(high[0] as number, low[0] as number, pass)] === count) continue;
    let total = 0;
    for (let digit = 0; digit < DIGIT_COUNT; digit += 1) {
      const size = starts[base + digit] as number;
      starts[base + digit] = total;
      total += size;
    }
    for (let i = 0; i < count; i += 1) {
      const upper = high[i] as number;
      const lower = low[i] as number;
      const slotIndex = base + digitOf(upper, lower, pass);
      const target = starts[slotIndex] as number;
      starts[slotIndex] = target + 1;
      nextHigh[target] = upper;
      nextLow[target] = lower;
      nextOrder[target] = order[i] as number;
      if (carried !== undefined) (nextCarried as Float64Array)[target] = carried[i] as number;
    }
    [high, nextHigh] = [nextHigh, high];
    [low, nextLow] = [nextLow, low];
    [order, nextOrder] = [nextOrder, order];
    [carried, nextCarried] = [nextCarried, carried];
  }
  // Map the words back to the doubles.
  const sortedKeys = new Float64Array(count);
  for (let i = 0; i < count; i += 1) {
    let upper = high[i] as number;
    let lower = low[i] as number;
    if (upper >>> 31 === 1) {
      upper = (upper & 0x7fffffff) >>> 0;
    } else {
      upper = ~upper >>> 0;
      lower = ~lower >>> 0;
    }
    words[highWord] = upper;
    words[1 - highWord] = lower;
    sortedKeys[i] = scratch[0] as number;
  }
  return { order, keys: sortedKeys, payload: carried };
}

/** Indices 0..n-1 ordered by ascending key; stable. Keys must not be NaN. */
export function radixArgsort(keys: Float64Array): Uint32Array {
  return radixSort(keys).order;
}

let littleEndian: boolean | undefined;
function isLittleEndian(): boolean {
  if (littleEndian === undefined) littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  return littleEndian;
}

/** Whether `orderByColumn` and `lexicographicOrder` use the radix path for this many points. */
export function usesRadix(count: number): boolean {
  return count >= RADIX_THRESHOLD;
}

/** Indices ordered by ascending value of one column; ties keep index order. */
export function orderByColumn(points: FlatPoints, column: number): Uint32Array {
  const { data, count, dimension } = points;
  if (usesRadix(count)) {
    const keys = new Float64Array(count);
    for (let i = 0; i < count; i += 1) keys[i] = data[i * dimension + column] as number;
    return radixArgsort(keys);
  }
  const order = Array.from({ length: count }, (_, i) => i);
  order.sort((a, b) => (data[a * dimension + column] as number) - (data[b * dimension + column] as number) || a - b);
  return Uint32Array.from(order);
}

/**
 * Indices in lexicographic order of the points (first objective, then the second, ...), equal points in
 * index order. Points that are equal end up next to each other, which the front algorithms rely on.
 */
export function lexicographicOrder(points: FlatPoints): Uint32Array {
  const { data, count, dimension } = points;
  const compare = (a: number, b: number): number => {
    const rowA = a * dimension;
    const rowB = b * dimension;
    for (let column = 0; column < dimension; column += 1) {
      const difference = (data[rowA + column] as number) - (data[rowB + column] as number);
      if (difference !== 0) return difference;
    }
    return a - b;
  };
  if (count < RADIX_THRESHOLD) {
    const order = Array.from({ length: count }, (_, i) => i);
    order.sort(compare);
    return Uint32Array.from(order);
  }
  const order = orderByColumn(points, 0);
  if (dimension === 1) return order;
  // Radix sorting settled the first column; finish each run of equal first values by the other columns.
  let runStart = 0;
  while (runStart < count) {
    const value = data[(order[runStart] as number) * dimension] as number;
    let runEnd = runStart + 1;
    while (runEnd < count && data[(order[runEnd] as number) * dimension] === value) runEnd += 1;
    if (runEnd - runStart > 1) order.subarray(runStart, runEnd).sort(compare);
    runStart = runEnd;
  }
  return order;
}
