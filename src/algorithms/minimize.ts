// In-process driver: runs an algorithm on a cheap synchronous objective function until a termination criterion.

import type { Genome } from '../space/types.js';
import type { Termination, TerminationState } from './operators/types.js';
import type { Algorithm, Individual } from './types.js';

/** Evaluates a batch of genomes; failed genomes are simply left out of the result. */
export type BatchEvaluator = (genomes: Genome[]) => Individual[];

export interface MinimizeResult {
  /** The algorithm's population when the run stopped. */
  readonly population: readonly Individual[];
  /** Genomes handed to `evaluate`. */
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
    const genomes = algorithm.ask();
    if (genomes.length === 0) break;
    algorithm.tell(evaluate(genomes));
    state = { evaluations: state.evaluations + genomes.length, generations: state.generations + 1 };
  }
  return { population: algorithm.population(), ...state };
}
