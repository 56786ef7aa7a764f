// When a run stops: after a number of evaluations, after a number of generations, or never.

import { badInput } from '../../core/errors.js';
import type { Termination, TerminationState } from './types.js';

function checkLimit(field: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) throw badInput(field, `must be an integer >= 0, got ${value}`);
  return value;
}

/** Stops once at least `maxEvaluations` genomes were evaluated (the last generation may overshoot). */
export class EvaluationTermination implements Termination {
  readonly maxEvaluations: number;

  constructor(maxEvaluations: number) {
    this.maxEvaluations = checkLimit('maxEvaluations', maxEvaluations);
  }

  progress(state: TerminationState): number {
    if (this.maxEvaluations === 0) return 1;
    return Math.min(1, state.evaluations / this.maxEvaluations);
  }

  done(state: TerminationState): boolean {
    return state.evaluations >= this.maxEvaluations;
  }
}

/** Stops after `maxGenerations` ask/tell rounds (the initial population is the first). */
export class GenerationTermination implements Termination {
  readonly maxGenerations: number;

  constructor(maxGenerations: number) {
    this.maxGenerations = checkLimit('maxGenerations', maxGenerations);
  }

  progress(state: TerminationState): number {
    if (this.maxGenerations === 0) return 1;
    return Math.min(1, state.generations / this.maxGenerations);
  }

  done(state: TerminationState): boolean {
    return state.generations >= this.maxGenerations;
  }
}

/** Never stops by itself: the run ends when the algorithm has nothing new to ask (an exhausted space). */
export class NoTermination implements Termination {
  progress(): number {
    return 0;
  }

  done(): boolean {
    return false;
  }
}
