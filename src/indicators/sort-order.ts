// Index orders of flat point sets: by one column, or lexicographically; radix-sorted for large sets.

import type { FlatPoints } from './validate.js';

/** Below this size a comparison sort of an index array beats the fixed cost of the radix passes. */
const RADIX_THRESHOLD = 2048;
const DIGIT_BITS = 16;
const DIGIT_COUNT = 1 << DIGIT_BITS;
const DIGIT_MASK = DIGIT_COUNT - 1;

/**
 * Indices 0..n-1 ordered by ascending key; stable (equal keys keep their index order). Least-significant-
 * digit radix sort on the IEEE-754 bits mapped to unsigned integers that compare like the doubles, which
 * is several times faster than a comparator sort for a million keys. Keys must not be NaN.
 * (Measured: moving the key words along with the indices, or smaller digits, was slower here.)
 */
export function radixArgsort(keys: Float64Array): Uint32Array {
  const count = keys.length;
  if (count <= 1) return Uint32Array.from({ length: count }, (_, i) => i);
  const high = new Uint32Array(count);
  const low = new Uint32Array(count);
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
  let order = new Uint32Array(count);
  let next = new Uint32Array(count);
  for (let i = 0; i < count; i += 1) order[i] = i;
  const starts = new Uint32Array(DIGIT_COUNT);
  for (let pass = 0; pass < 4; pass += 1) {
    const digits = pass < 2 ? low : high;
    const shift = (pass & 1) * DIGIT_BITS;
    starts.fill(0);
    for (let i = 0; i < count; i += 1) {
      const digit = ((digits[i] as number) >>> shift) & DIGIT_MASK;
      starts[digit] = (starts[digit] as number) + 1;
    }
    // A pass where every key has the same digit would only copy: skip it.
    if (starts[((digits[0] as number) >>> shift) & DIGIT_MASK] === count) continue;
    let total = 0;
    for (let digit = 0; digit < DIGIT_COUNT; digit += 1) {
      const size = starts[digit] as number;
      starts[digit] = total;
      total += size;
    }
    for (let i = 0; i < count; i += 1) {
      const index = order[i] as number;
      const digit = ((digits[index] as number) >>> shift) & DIGIT_MASK;
      const slot = starts[digit] as number;
      next[slot] = index;
      starts[digit] = slot + 1;
    }
    const swap = order;
    order = next;
    next = swap;
  }
  return order;
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
