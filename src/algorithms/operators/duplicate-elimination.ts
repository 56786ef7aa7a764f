// Duplicate elimination by canonical key: two genomes that build the same network are the same candidate.

import type { Candidate, DuplicateElimination } from './types.js';

/**
 * Drops candidates whose canonical key is already known (the population, offspring accepted so far,
 * everything ever asked) or repeats an earlier candidate of the same batch.
 */
export class KeyDuplicateElimination implements DuplicateElimination {
  eliminate(candidates: readonly Candidate[], against: readonly ReadonlySet<string>[]): Candidate[] {
    const kept: Candidate[] = [];
    const batch = new Set<string>();
    for (const candidate of candidates) {
      if (batch.has(candidate.key) || against.some((keys) => keys.has(candidate.key))) continue;
      batch.add(candidate.key);
      kept.push(candidate);
    }
    return kept;
  }
}
