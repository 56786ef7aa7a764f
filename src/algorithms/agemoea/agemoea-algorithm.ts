// AGE-MOEA over a discrete search space: NSGA-II's ask/tell loop and variation with AGE-MOEA's survival.

import type { Genome } from '../../space/types.js';
import type { CandidateAlgorithm } from '../candidate-algorithm.js';
import { Nsga2Algorithm, type Nsga2Options } from '../nsga2/nsga2-algorithm.js';
import type { Candidate, RankedIndividual } from '../operators/types.js';
import type { Individual } from '../types.js';
import { AgeMoeaSurvival, type FrontGeometry } from './agemoea-survival.js';

/** Everything NSGA-II takes except the survival, which is AGE-MOEA's. */
export type AgeMoeaOptions = Omit<Nsga2Options, 'survival'>;

/**
 * Same genomes, operators, canonicalisation, repair, duplicate elimination and batch protocol as
 * Nsga2Algorithm (first ask: `populationSize` random genomes; then up to `populationSize` offspring never
 * asked before), but survival keeps the last front's members by AGE-MOEA's geometry-aware score, and the
 * binary tournament compares rank, then that score.
 */
export class AgeMoeaAlgorithm implements CandidateAlgorithm {
  readonly name = 'agemoea';
  private readonly engine: Nsga2Algorithm;
  private readonly ageSurvival = new AgeMoeaSurvival();

  constructor(options: AgeMoeaOptions) {
    this.engine = new Nsga2Algorithm({ ...options, survival: this.ageSurvival });
  }

  get space(): Nsga2Algorithm['space'] {
    return this.engine.space;
  }

  get populationSize(): number {
    return this.engine.populationSize;
  }

  get seenKeys(): ReadonlySet<string> {
    return this.engine.seenKeys;
  }

  /** The first front's ideal point, normalisation and estimated p at the latest survival. */
  get geometry(): FrontGeometry | undefined {
    return this.ageSurvival.lastGeometry;
  }

  population(): readonly RankedIndividual[] {
    return this.engine.population();
  }

  ask(): Genome[] {
    return this.engine.ask();
  }

  askCandidates(): Candidate[] {
    return this.engine.askCandidates();
  }

  tell(evaluated: readonly Individual[]): void {
    this.engine.tell(evaluated);
  }
}
