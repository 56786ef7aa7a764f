// Tchebycheff decomposition: the weighted largest distance of a point from the ideal point.

/** g(f | w, z*) = max_i w_i |f_i - z*_i| (Zhang & Li 2007, eq. 2); `scale` divides each difference first. */
export function tchebycheff(
  objectives: readonly number[],
  weights: readonly number[],
  ideal: readonly number[],
  scale?: readonly number[],
): number {
  let worst = -Infinity;
  for (let index = 0; index < objectives.length; index += 1) {
    const difference = Math.abs((objectives[index] as number) - (ideal[index] as number)) / (scale?.[index] ?? 1);
    const value = (weights[index] as number) * difference;
    if (value > worst) worst = value;
  }
  return worst;
}
