// What a surrogate tactic knows: every observed candidate with its features, objectives and feasibility.

import type { FeatureEncoder, Genome } from '../../space/types.js';
import type { Observation } from '../types.js';

export class ObservationArchive {
  readonly keys: string[] = [];
  readonly genomes: Genome[] = [];
  readonly features: Float64Array[] = [];
  /** Minimised objective vectors of successful observations. */
  readonly objectives: number[][] = [];
  readonly violations: number[] = [];
  /** Every key proposed or observed, failed ones included: never proposed again. */
  readonly seen = new Set<string>();
  private readonly encoder: FeatureEncoder;

  constructor(encoder: FeatureEncoder) {
    this.encoder = encoder;
  }

  get size(): number {
    return this.keys.length;
  }

  add(batch: readonly Observation[]): void {
    for (const observation of batch) {
      this.seen.add(observation.key);
      if (observation.objectives === null) continue;
      this.keys.push(observation.key);
      this.genomes.push(observation.genome);
      this.features.push(this.encoder.encode(observation.genome));
      this.objectives.push([...observation.objectives]);
      this.violations.push(observation.violation);
    }
  }

  /** Targets of one objective, in archive order. */
  targets(objective: number): number[] {
    return this.objectives.map((vector) => vector[objective] as number);
  }

  /** Objective vectors of feasible observations. */
  feasibleObjectives(): number[][] {
    return this.objectives.filter((_, index) => (this.violations[index] as number) === 0);
  }
}
