// Polynomial mutation on choice indices treated as numbers in [0, choices - 1], then rounded (pymoo's PM).

import { badInput } from '../../core/errors.js';
import type { Rng } from '../../core/rng.js';
import type { Genome, SearchSpace } from '../../space/types.js';
import type { Mutation } from './types.js';

export interface PolynomialMutationOptions {
  /** Chance that an offspring is mutated at all (default 1). */
  readonly probability?: number;
  /** Chance per active gene of a mutated offspring (default min(0.5, 1 / gene count)). */
  readonly geneProbability?: number;
  /** Distribution index: larger keeps the value closer (default 20). */
  readonly eta?: number;
}

export class PolynomialMutation implements Mutation {
  readonly probability: number;
  readonly geneProbability: number | undefined;
  readonly eta: number;

  constructor(options: PolynomialMutationOptions = {}) {
    this.probability = options.probability ?? 1;
    this.geneProbability = options.geneProbability;
    this.eta = options.eta ?? 20;
    if (!(this.probability >= 0 && this.probability <= 1)) throw badInput('probability', `must be in [0, 1], got ${this.probability}`);
    if (!(this.eta >= 0)) throw badInput('eta', `must be >= 0, got ${this.eta}`);
  }

  mutate(space: SearchSpace, rng: Rng, genome: Genome): Genome {
    if (rng.next() >= this.probability) return genome;
    const geneProbability = this.geneProbability ?? Math.min(0.5, 1 / Math.max(1, space.geneCount));
    const active = space.activeMask(genome);
    const child = genome.slice();
    let changed = false;
    const power = 1 / (this.eta + 1);
    for (let gene = 0; gene < genome.length; gene += 1) {
      if (!active[gene] || rng.next() >= geneProbability) continue;
      const upper = (space.choiceCounts[gene] as number) - 1;
      if (upper <= 0) continue;
      const value = genome[gene] as number;
      const below = value / upper;
      const above = (upper - value) / upper;
      const draw = rng.next();
      let step: number;
      if (draw <= 0.5) {
        const base = 2 * draw + (1 - 2 * draw) * Math.pow(1 - below, this.eta + 1);
        step = Math.pow(base, power) - 1;
      } else {
        const base = 2 * (1 - draw) + 2 * (draw - 0.5) * Math.pow(1 - above, this.eta + 1);
        step = 1 - Math.pow(base, power);
      }
      const next = Math.min(upper, Math.max(0, Math.round(value + step * upper)));
      if (next !== value) {
        child[gene] = next;
        changed = true;
      }
    }
    return changed ? space.canonicalize(child) : genome;
  }
}
