// Simulated binary crossover (SBX) on choice indices treated as numbers in [0, choices - 1], then rounded.
// This is the integer SBX most NAS tools (and DyNAS-T through pymoo) use: children land near their parents.

import { badInput } from '../../core/errors.js';
import type { Rng } from '../../core/rng.js';
import type { Genome, SearchSpace } from '../../space/types.js';
import type { Crossover } from './types.js';

export interface SimulatedBinaryCrossoverOptions {
  /** Chance that a pair is recombined at all (default 0.9). */
  readonly probability?: number;
  /** Chance that each differing gene is recombined (default 0.5). */
  readonly geneProbability?: number;
  /** Distribution index: larger keeps children closer to the parents (default 15). */
  readonly eta?: number;
}

/** The spread factor for one draw, given the bound-dependent alpha. */
function spread(draw: number, alpha: number, eta: number): number {
  const exponent = 1 / (eta + 1);
  return draw <= 1 / alpha ? Math.pow(draw * alpha, exponent) : Math.pow(1 / (2 - draw * alpha), exponent);
}

export class SimulatedBinaryCrossover implements Crossover {
  readonly probability: number;
  readonly geneProbability: number;
  readonly eta: number;

  constructor(options: SimulatedBinaryCrossoverOptions = {}) {
    this.probability = options.probability ?? 0.9;
    this.geneProbability = options.geneProbability ?? 0.5;
    this.eta = options.eta ?? 15;
    if (!(this.probability >= 0 && this.probability <= 1)) throw badInput('probability', `must be in [0, 1], got ${this.probability}`);
    if (!(this.geneProbability >= 0 && this.geneProbability <= 1)) throw badInput('geneProbability', `must be in [0, 1], got ${this.geneProbability}`);
    if (!(this.eta >= 0)) throw badInput('eta', `must be >= 0, got ${this.eta}`);
  }

  cross(space: SearchSpace, rng: Rng, first: Genome, second: Genome): [Genome, Genome] {
    if (first.length !== second.length) throw badInput('parents', `parents have ${first.length} and ${second.length} genes`);
    if (rng.next() >= this.probability) return [first, second];
    const childA = first.slice();
    const childB = second.slice();
    for (let gene = 0; gene < first.length; gene += 1) {
      const a = first[gene] as number;
      const b = second[gene] as number;
      if (rng.next() >= this.geneProbability || a === b) continue;
      const upper = (space.choiceCounts[gene] as number) - 1;
      const low = Math.min(a, b);
      const high = Math.max(a, b);
      const delta = high - low;
      const draw = rng.next();
      const alphaLow = 2 - Math.pow(1 + (2 * low) / delta, -(this.eta + 1));
      const alphaHigh = 2 - Math.pow(1 + (2 * (upper - high)) / delta, -(this.eta + 1));
      let childLow = 0.5 * (low + high - spread(draw, alphaLow, this.eta) * delta);
      let childHigh = 0.5 * (low + high + spread(draw, alphaHigh, this.eta) * delta);
      if (rng.next() < 0.5) [childLow, childHigh] = [childHigh, childLow];
      childA[gene] = clampRound(childLow, upper);
      childB[gene] = clampRound(childHigh, upper);
    }
    return [space.canonicalize(childA), space.canonicalize(childB)];
  }
}

function clampRound(value: number, upper: number): number {
  return Math.min(upper, Math.max(0, Math.round(value)));
}
