// A tactic that runs an ask/tell algorithm directly on the true objectives (random search, NSGA-II, …).

import type { Algorithm, Individual } from '../algorithms/types.js';
import type { Genome } from '../space/types.js';
import type { Observation, ProposalContext, Tactic } from './types.js';

export class AlgorithmTactic implements Tactic {
  readonly name: string;
  private readonly algorithm: Algorithm;

  constructor(name: string, algorithm: Algorithm) {
    this.name = name;
    this.algorithm = algorithm;
  }

  propose(_context: ProposalContext): Genome[] {
    return this.algorithm.ask();
  }

  observe(batch: readonly Observation[]): void {
    const evaluated: Individual[] = [];
    for (const observation of batch) {
      if (observation.objectives === null) continue; // failed candidates are dropped
      evaluated.push({
        genome: observation.genome,
        key: observation.key,
        objectives: observation.objectives,
        violation: observation.violation,
      });
    }
    this.algorithm.tell(evaluated);
  }
}
