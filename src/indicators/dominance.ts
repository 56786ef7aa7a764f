// Pareto dominance between two points under minimisation.

/** True when `a` is no worse than `b` in every objective and better in at least one. Equal points do not dominate. */
export function dominates(a: readonly number[], b: readonly number[]): boolean {
  let better = false;
  for (let column = 0; column < a.length; column += 1) {
    const valueA = a[column] as number;
    const valueB = b[column] as number;
    if (valueA > valueB) return false;
    if (valueA < valueB) better = true;
  }
  return better;
}

/** True when `a` is no worse than `b` in every objective (equal points weakly dominate each other). */
export function weaklyDominates(a: readonly number[], b: readonly number[]): boolean {
  for (let column = 0; column < a.length; column += 1) {
    if ((a[column] as number) > (b[column] as number)) return false;
  }
  return true;
}
