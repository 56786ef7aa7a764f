// AGE-MOEA's view of a front: normalisation by extreme points and the Lp (Minkowski) geometry it estimates.

/** p is kept in [MIN_P, MAX_P]: below, the estimate says nothing useful; above, powers underflow. */
export const MIN_P = 0.1;
export const MAX_P = 20;

/** (sum_i |v_i|^p)^(1/p). */
export function minkowskiNorm(vector: readonly number[], p: number): number {
  let sum = 0;
  for (const value of vector) sum += Math.abs(value) ** p;
  return sum ** (1 / p);
}

/** The Lp distance between two points. */
export function minkowskiDistance(left: readonly number[], right: readonly number[], p: number): number {
  let sum = 0;
  for (let index = 0; index < left.length; index += 1) sum += Math.abs((left[index] as number) - (right[index] as number)) ** p;
  return sum ** (1 / p);
}

/** Squared Euclidean distance from `point` to the line through the origin along `direction`. */
export function squaredDistanceToLine(point: readonly number[], direction: readonly number[]): number {
  let dot = 0;
  let directionSquared = 0;
  let pointSquared = 0;
  for (let index = 0; index < point.length; index += 1) {
    dot += (point[index] as number) * (direction[index] as number);
    directionSquared += (direction[index] as number) ** 2;
    pointSquared += (point[index] as number) ** 2;
  }
  return Math.max(0, pointSquared - (dot * dot) / directionSquared);
}

/**
 * Indices of the extreme (corner) points of a front already translated so its ideal point is the origin:
 * for each objective axis in turn, the point not yet chosen nearest to that axis (ties: lowest index). A
 * front of at most M points is all corners.
 */
export function cornerSolutions(translated: readonly (readonly number[])[]): number[] {
  const count = translated.length;
  if (count === 0) return [];
  const dimension = (translated[0] as readonly number[]).length;
  if (count <= dimension) return translated.map((_, index) => index);
  const chosen = new Set<number>();
  const corners: number[] = [];
  for (let axis = 0; axis < dimension; axis += 1) {
    const direction = Array.from({ length: dimension }, (_, index) => (index === axis ? 1 : 0));
    let best = -1;
    let bestDistance = Infinity;
    for (let index = 0; index < count; index += 1) {
      if (chosen.has(index)) continue;
      const distance = squaredDistanceToLine(translated[index] as readonly number[], direction);
      if (distance < bestDistance) {
        best = index;
        bestDistance = distance;
      }
    }
    chosen.add(best);
    corners.push(best);
  }
  return corners;
}

/**
 * Per-objective divisors that map the translated front onto the hyperplane through its extreme points
 * (that plane's intercepts with the axes). Falls back to the largest value of each objective when the
 * extremes repeat, the plane is singular, or an intercept is not positive and finite; a zero divisor becomes 1.
 */
export function interceptNormalization(translated: readonly (readonly number[])[], extremes: readonly number[]): number[] {
  const dimension = translated.length === 0 ? 0 : (translated[0] as readonly number[]).length;
  const fallback = (): number[] =>
    Array.from({ length: dimension }, (_, column) => {
      let largest = 0;
      for (const point of translated) largest = Math.max(largest, point[column] as number);
      return largest > 0 ? largest : 1;
    });
  if (extremes.length !== dimension || new Set(extremes).size !== dimension) return fallback();
  const matrix = extremes.map((index) => [...(translated[index] as readonly number[])]);
  const solution = solveLinear(matrix, new Array<number>(dimension).fill(1));
  if (solution === null) return fallback();
  const intercepts = solution.map((value) => 1 / value);
  if (intercepts.some((value) => !Number.isFinite(value) || value <= 0)) return fallback();
  return intercepts;
}

/**
 * The exponent p of the Lp "unit sphere" the normalised front lies on, from its most central point
 * (nearest the direction (1, …, 1), extremes excluded): a point with all M coordinates x satisfies
 * M x^p = 1, so p = ln M / ln(1 / x), with x the mean of its coordinates. p = 1 for a linear front, 2 for a
 * spherical one, below 1 for a convex and above for a concave one. Clamped: p = 1 when undefined or below
 * MIN_P (a centre at or beyond the plane of the extremes), MAX_P above it.
 */
export function estimateGeometry(normalized: readonly (readonly number[])[], extremes: readonly number[]): number {
  if (normalized.length === 0) return 1;
  const dimension = (normalized[0] as readonly number[]).length;
  if (dimension < 2) return 1;
  const diagonal = new Array<number>(dimension).fill(1);
  const excluded = new Set(extremes);
  let central = -1;
  let centralDistance = Infinity;
  for (let index = 0; index < normalized.length; index += 1) {
    if (excluded.has(index)) continue;
    const distance = squaredDistanceToLine(normalized[index] as readonly number[], diagonal);
    if (distance < centralDistance) {
      central = index;
      centralDistance = distance;
    }
  }
  if (central === -1) return 1;
  const point = normalized[central] as readonly number[];
  const mean = point.reduce((sum, value) => sum + value, 0) / dimension;
  const p = Math.log(dimension) / Math.log(1 / mean);
  if (!Number.isFinite(p) || p <= MIN_P) return 1;
  return Math.min(p, MAX_P);
}

/** Gaussian elimination with partial pivoting; null when (numerically) singular. */
export function solveLinear(matrix: number[][], rhs: number[]): number[] | null {
  const size = rhs.length;
  const a = matrix.map((row, index) => [...row, rhs[index] as number]);
  // Relative tolerance: objectives may be in any unit.
  let largest = 0;
  for (const row of matrix) for (const value of row) largest = Math.max(largest, Math.abs(value));
  const tolerance = 1e-12 * largest;
  for (let column = 0; column < size; column += 1) {
    let pivot = column;
    for (let row = column + 1; row < size; row += 1) {
      if (Math.abs((a[row] as number[])[column] as number) > Math.abs((a[pivot] as number[])[column] as number)) pivot = row;
    }
    const pivotValue = (a[pivot] as number[])[column] as number;
    if (!(Math.abs(pivotValue) > tolerance)) return null;
    [a[column], a[pivot]] = [a[pivot] as number[], a[column] as number[]];
    const pivotRow = a[column] as number[];
    for (let row = 0; row < size; row += 1) {
      if (row === column) continue;
      const current = a[row] as number[];
      const factor = (current[column] as number) / pivotValue;
      if (factor === 0) continue;
      for (let k = column; k <= size; k += 1) current[k] = (current[k] as number) - factor * (pivotRow[k] as number);
    }
  }
  const solution = a.map((row, index) => (row[size] as number) / (row[index] as number));
  return solution.every(Number.isFinite) ? solution : null;
}
