// U-NSGA-III over a discrete search space: NSGA-II's ask/tell loop and variation, NSGA-III survival, niching tournament.

import type { Genome } from '../../space/types.js';
import type { CandidateAlgorithm } from '../candidate-algorithm.js';
import { dasDennis, directionsForPopulation } from '../decomposition/das-dennis.js';
import { Nsga2Algorithm, type Nsga2Options } from '../nsga2/nsga2-algorithm.js';
import type { Candidate, RankedIndividual } from '../operators/types.js';
import type { Individual } from '../types.js';
import { NichingTournamentSelection } from './niching-selection.js';
import { Nsga3Survival } from './nsga3-survival.js';

export interface UNsga3Options extends Omit<Nsga2Options, 'survival' | 'selection'> {
  /**
   * Das-Dennis partitions. Default: the largest count whose directions do not outnumber the population
   * (two objectives: populationSize directions; three objectives and 50 members: 8 partitions, 45 directions).
   */
  readonly partitions?: number;
}

/**
 * Same genomes, operators, canonicalisation, repair, duplicate elimination and batch protocol as
 * Nsga2Algorithm; survival is NSGA-III's (normalisation, association with Das-Dennis directions,
 * niche-preserving selection) and parents come from U-NSGA-III's niching tournament. The survival's random
 * choices draw from `rng` too.
 */
export class UNsga3Algorithm implements CandidateAlgorithm {
  readonly name = 'unsga3';
  readonly directions: readonly (readonly number[])[];
  private readonly engine: Nsga2Algorithm;
  private readonly nsga3Survival: Nsga3Survival;

  constructor(options: UNsga3Options) {
    const { partitions, ...rest } = options;
    // Before the engine checks it, so a bad count fails there with its own message.
    const objectives = Number.isInteger(options.objectiveCount) && options.objectiveCount > 0 ? options.objectiveCount : 1;
    const size = Number.isInteger(options.populationSize) && options.populationSize > 0 ? options.populationSize : 1;
    this.directions = partitions === undefined ? directionsForPopulation(objectives, size) : dasDennis(objectives, partitions);
    // The same stream as the engine (survival only runs inside tell, between the engine's own draws): not
    // forking keeps the first population identical to NSGA-II's for the same seed, so runs compare paired.
    this.nsga3Survival = new Nsga3Survival(this.directions, options.rng);
    this.engine = new Nsga2Algorithm({ ...rest, survival: this.nsga3Survival, selection: new NichingTournamentSelection() });
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

  /** The ideal and nadir points of the latest survival. */
  get normalization(): Nsga3Survival['lastNormalization'] {
    return this.nsga3Survival.lastNormalization;
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
