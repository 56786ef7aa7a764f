// In-process driver: runs an algorithm on a cheap synchronous objective function until a termination criterion.

import type { Genome } from '../space/types.js';
import { isCandidateAlgorithm } from './candidate-algorithm.js';
import type { Termination, TerminationState } from './operators/types.js';
import type { Algorithm, Individual } from './types.js';

/**
 * Evaluates a batch of genomes; failed genomes are simply left out of the result. `keys[i]` is the
 * canonical key of `genomes[i]` when the algorithm provides keys (all of carve's do): reusing it for
 * `Individual.key` is much cheaper than calling `space.key` again.
 */
export type BatchEvaluator = (genomes: Genome[], keys?: readonly string[]) => Individual[];

export interface MinimizeResult {
  /** The algorithm's population when the run stopped. */
  readonly population: readonly Individual[];
  /** Genomes handed to `evaluate`, failed ones included. */
  readonly evaluations: number;
  /** Completed ask/tell rounds. */
  readonly generations: number;
}

/**
 * Asks, evaluates and tells until `termination` is done or the algorithm has nothing new to ask (an
 * exhausted space). Meant for cheap objectives such as predictors; expensive ones go through a study.
 */
export function minimize(algorithm: Algorithm, evaluate: BatchEvaluator, termination: Termination): MinimizeResult {
  let state: TerminationState = { evaluations: 0, generations: 0 };
  while (!termination.done(state)) {
    let genomes: Genome[];
    let keys: string[] | undefined;
    if (isCandidateAlgorithm(algorithm)) {
      const candidates = algorithm.askCandidates();
      genomes = candidates.map((candidate) => candidate.genome);
      keys = candidates.map((candidate) => candidate.key);
    } else {
      genomes = algorithm.ask();
    }
    if (genomes.length === 0) break;
    algorithm.tell(evaluate(genomes, keys));
    state = { evaluations: state.evaluations + genomes.length, generations: state.generations + 1 };
  }
  return { population: algorithm.population(), ...state };
}
