// Slow, obviously correct reference implementations that the tests compare the fast indicators against.

export type Points = readonly (readonly number[])[];

export function bruteDominates(a: readonly number[], b: readonly number[]): boolean {
  let better = false;
  for (let column = 0; column < a.length; column += 1) {
    if ((a[column] as number) > (b[column] as number)) return false;
    if ((a[column] as number) < (b[column] as number)) better = true;
  }
  return better;
}

/** Indices no other point dominates, by comparing every pair. */
export function bruteParetoIndices(points: Points): number[] {
  const result: number[] = [];
  for (let i = 0; i < points.length; i += 1) {
    let dominated = false;
    for (let j = 0; j < points.length && !dominated; j += 1) {
      if (bruteDominates(points[j] as number[], points[i] as number[])) dominated = true;
    }
    if (!dominated) result.push(i);
  }
  return result;
}

/** Fronts by peeling: the points no remaining point dominates, repeatedly. */
export function bruteNonDominatedSort(points: Points): number[][] {
  let remaining = points.map((_, i) => i);
  const fronts: number[][] = [];
  while (remaining.length > 0) {
    const front = remaining.filter(
      (i) => !remaining.some((j) => bruteDominates(points[j] as number[], points[i] as number[])),
    );
    fronts.push(front);
    remaining = remaining.filter((i) => !front.includes(i));
  }
  return fronts;
}

/** Points strictly better than the reference in every objective. */
function inside(points: Points, reference: readonly number[]): (readonly number[])[] {
  return points.filter((point) => point.every((value, column) => value < (reference[column] as number)));
}

/** Hypervolume by inclusion-exclusion over all non-empty subsets (the box of a subset is at its maximum). */
export function inclusionExclusionHypervolume(points: Points, reference: readonly number[]): number {
  const kept = inside(points, reference);
  if (kept.length > 16) throw new Error('inclusion-exclusion is for at most 16 points');
  let total = 0;
  for (let mask = 1; mask < 1 << kept.length; mask += 1) {
    const corner = reference.map(() => -Infinity);
    let size = 0;
    for (let i = 0; i < kept.length; i += 1) {
      if ((mask & (1 << i)) === 0) continue;
      size += 1;
      (kept[i] as number[]).forEach((value, column) => {
        corner[column] = Math.max(corner[column] as number, value);
      });
    }
    const volume = corner.reduce((product, value, column) => product * ((reference[column] as number) - value), 1);
    total += size % 2 === 1 ? volume : -volume;
  }
  return total;
}

/**
 * Hypervolume by coordinate compression: the distinct coordinates of the points and the reference cut
 * the box into cells, each either entirely covered by some point's box or not; add the covered cells.
 */
export function gridHypervolume(points: Points, reference: readonly number[]): number {
  const kept = inside(points, reference);
  const dimension = reference.length;
  if (kept.length === 0) return 0;
  const cuts = reference.map((limit, column) =>
    [...new Set([...kept.map((point) => point[column] as number), limit])].sort((a, b) => a - b),
  );
  // Each point as the indices of its coordinates among the cuts: the cell with lower corner at cut
  // indices c is covered iff some point has index <= c in every column.
  const pointCuts = kept.map((point) => point.map((value, column) => (cuts[column] as number[]).indexOf(value)));
  const cell = new Array<number>(dimension).fill(0);
  let total = 0;
  for (;;) {
    let covered = false;
    for (let p = 0; p < pointCuts.length && !covered; p += 1) {
      const indices = pointCuts[p] as number[];
      let column = 0;
      while (column < dimension && (indices[column] as number) <= (cell[column] as number)) column += 1;
      covered = column === dimension;
    }
    if (covered) {
      let volume = 1;
      for (let column = 0; column < dimension; column += 1) {
        const axis = cuts[column] as number[];
        volume *= (axis[(cell[column] as number) + 1] as number) - (axis[cell[column] as number] as number);
      }
      total += volume;
    }
    // Odometer over cells; the last cut of each axis is the reference, which starts no cell.
    let column = 0;
    while (column < dimension) {
      cell[column] = (cell[column] as number) + 1;
      if ((cell[column] as number) < (cuts[column] as number[]).length - 1) break;
      cell[column] = 0;
      column += 1;
    }
    if (column === dimension) return total;
  }
}

/** Exclusive contributions as HV(all) - HV(all but i). */
export function bruteContributions(points: Points, reference: readonly number[]): number[] {
  const all = gridHypervolume(points, reference);
  return points.map((_, i) => all - gridHypervolume(points.filter((__, j) => j !== i), reference));
}

/** Euclidean distance and the IGD+ distance (only the amounts by which `point` is worse count). */
export function bruteIgdPlus(points: Points, referenceFront: Points): number {
  let sum = 0;
  for (const target of referenceFront) {
    let best = Infinity;
    for (const point of points) {
      let squares = 0;
      point.forEach((value, column) => {
        squares += Math.max(value - (target[column] as number), 0) ** 2;
      });
      best = Math.min(best, Math.sqrt(squares));
    }
    sum += best;
  }
  return sum / referenceFront.length;
}
