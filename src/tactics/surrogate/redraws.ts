// Which candidates would only re-draw a measurement already made: architectures that compute the same function
// (FeatureEncoder.functionKey: e.g. NB201 cells that differ only in operations no output reads) have the same
// expected accuracy, and their measured accuracies differ by training noise alone. Validating another one pays only
// where it is cheaper in some hardware cost (dead operations still cost time on most devices).

export interface RedrawInput {
  /** Function key of each candidate. */
  readonly candidateKeys: readonly string[];
  /** Predicted hardware costs of each candidate (minimisation form, one entry per cost objective; may be empty). */
  readonly candidateCosts: readonly (readonly number[])[];
  /** Function keys of the architectures already validated or already chosen. */
  readonly knownKeys: readonly string[];
  /** Their predicted costs, on the same scale as the candidates' (prediction against prediction cancels bias). */
  readonly knownCosts: readonly (readonly number[])[];
  /** Per cost objective: how much cheaper a candidate must be predicted to count as cheaper (>= 0). */
  readonly tolerance: readonly number[];
}

/** True when `a` costs no more than `b` in every cost, up to the tolerance. */
function noCheaper(b: readonly number[], a: readonly number[], tolerance: readonly number[]): boolean {
  return b.every((value, objective) => (a[objective] as number) <= value + (tolerance[objective] as number));
}

/**
 * Per candidate, whether it is worth a validation: false when an architecture with the same function key, known or
 * kept before it, costs no more in every cost objective (up to the tolerance). Candidates are considered cheapest
 * first (by the sum of their costs, then in the order given), so of several unseen ones with one function the
 * cheapest is kept. Without cost objectives a function is validated once.
 */
export function worthValidating(input: RedrawInput): boolean[] {
  const { candidateKeys, candidateCosts, knownKeys, knownCosts, tolerance } = input;
  if (candidateKeys.length !== candidateCosts.length || knownKeys.length !== knownCosts.length) {
    throw new RangeError('worthValidating: every key needs its costs');
  }
  const seen = new Map<string, (readonly number[])[]>();
  knownKeys.forEach((key, index) => seen.set(key, [...(seen.get(key) ?? []), knownCosts[index] as readonly number[]]));
  const sum = (costs: readonly number[]): number => costs.reduce((total, value) => total + value, 0);
  const order = candidateKeys.map((_, index) => index).sort((a, b) => sum(candidateCosts[a] as number[]) - sum(candidateCosts[b] as number[]) || a - b);
  const worth = candidateKeys.map(() => false);
  for (const index of order) {
    const key = candidateKeys[index] as string;
    const costs = candidateCosts[index] as readonly number[];
    const same = seen.get(key) ?? [];
    if (same.some((other) => noCheaper(costs, other, tolerance))) continue;
    worth[index] = true;
    seen.set(key, [...same, costs]);
  }
  return worth;
}
