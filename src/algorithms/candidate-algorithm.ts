// An Algorithm that can also hand out the keys of what it asks, so callers need not recompute them.

import type { Candidate } from './operators/types.js';
import type { Algorithm } from './types.js';

/**
 * Keys are long strings; building and hashing them again for every evaluated genome costs more than the
 * algorithm itself on cheap objectives, so in-process drivers take them from the algorithm.
 */
export interface CandidateAlgorithm extends Algorithm {
  /** Same as `ask()` (and advancing the same state), with each genome's canonical key. */
  askCandidates(): Candidate[];
}

export function isCandidateAlgorithm(algorithm: Algorithm): algorithm is CandidateAlgorithm {
  return typeof (algorithm as Partial<CandidateAlgorithm>).askCandidates === 'function';
}
