// NSGA-III survival: whole fronts, then the last front by niche-preserving selection around reference directions.

import { badInput } from '../../core/errors.js';
import type { Rng } from '../../core/rng.js';
import { nonDominatedSortConstrained } from '../../indicators/index.js';
import type { RankedIndividual, Survival } from '../operators/types.js';
import type { Individual } from '../types.js';
import { associate } from './association.js';
import { nichePreservingSelection } from './niching.js';
import { extremePoints, nadirPoint, normalizePoints, worstPoint } from './normalization.js';

/** A survivor with the reference direction it is associated with and its perpendicular distance to it. */
export interface NichedIndividual extends RankedIndividual {
  readonly niche: number;
  readonly nicheDistance: number;
}

export function isNiched(individual: RankedIndividual): individual is NichedIndividual {
  return typeof (individual as Partial<NichedIndividual>).niche === 'number';
}

/**
 * Keeps fronts of the constrained non-dominated sort while they fit, then fills the rest from the next
 * front by niche-preserving selection. Objectives are normalised by the ideal point (the smallest values
 * ever seen among the members considered, feasible ones only when there are any) and a nadir from the intercepts of the plane through the extreme points (the previous
 * generation's extremes stay candidates), with the fallbacks of `nadirPoint`. `crowding` of each survivor
 * is minus its perpendicular distance (larger is better); survivors keep their niche for the tournament.
 * Stateful (ideal and extremes), and random only through its own rng: deterministic for a seed and input order.
 */
export class Nsga3Survival implements Survival {
  readonly directions: readonly (readonly number[])[];
  private readonly rng: Rng;
  private ideal: number[] | undefined;
  private extremes: number[][] = [];
  /** The last normalisation used, for inspection. */
  lastNormalization: { readonly ideal: readonly number[]; readonly nadir: readonly number[] } | undefined;

  constructor(directions: readonly (readonly number[])[], rng: Rng) {
    if (directions.length === 0) throw badInput('directions', 'needs at least one reference direction');
    this.directions = directions;
    this.rng = rng;
  }

  survive(candidates: readonly Individual[], count: number): NichedIndividual[] {
    if (!Number.isInteger(count) || count < 0) throw badInput('count', `must be an integer >= 0, got ${count}`);
    if (candidates.length === 0 || count === 0) return [];
    const objectives = candidates.map((candidate) => candidate.objectives);
    const dimension = (objectives[0] as readonly number[]).length;
    const fronts = nonDominatedSortConstrained(
      objectives,
      candidates.map((candidate) => candidate.violation),
    );
    // S_t: whole fronts until at least `count` members.
    const considered: number[] = [];
    let lastRank = 0;
    for (; lastRank < fronts.length; lastRank += 1) {
      considered.push(...(fronts[lastRank] as number[]));
      if (considered.length >= count) break;
    }
    lastRank = Math.min(lastRank, fronts.length - 1);
    const points = considered.map((index) => objectives[index] as readonly number[]);
    // Ideal and extremes from the feasible members when there are any: infeasible values would stretch them.
    const feasible = considered.filter((index) => (candidates[index] as Individual).violation === 0).map((index) => objectives[index] as readonly number[]);
    const reference = feasible.length > 0 ? feasible : points;
    const ideal = this.ideal ?? new Array<number>(dimension).fill(Infinity);
    for (const point of reference) for (let column = 0; column < dimension; column += 1) ideal[column] = Math.min(ideal[column] as number, point[column] as number);
    this.ideal = ideal;
    this.extremes = extremePoints([...this.extremes, ...reference], ideal);
    const firstFront = (fronts[0] as number[]).map((index) => objectives[index] as readonly number[]);
    const nadir = nadirPoint({ ideal, extremes: this.extremes, worstOfFront: worstPoint(firstFront, dimension), worstOfAll: worstPoint(points, dimension) });
    this.lastNormalization = { ideal: [...ideal], nadir };
    const { niche, distance } = associate(normalizePoints(points, ideal, nadir), this.directions);

    const rankOf = new Map<number, number>();
    for (let rank = 0; rank <= lastRank; rank += 1) for (const index of fronts[rank] as number[]) rankOf.set(index, rank);
    const chosen: number[] = []; // positions in `considered`
    const lastFront: number[] = [];
    considered.forEach((index, position) => {
      if (rankOf.get(index) === lastRank && considered.length > count) lastFront.push(position);
      else chosen.push(position);
    });
    if (lastFront.length > 0) {
      const nicheCounts = new Array<number>(this.directions.length).fill(0);
      for (const position of chosen) {
        const direction = niche[position] as number;
        nicheCounts[direction] = (nicheCounts[direction] as number) + 1;
      }
      const picked = nichePreservingSelection(
        this.rng,
        nicheCounts,
        lastFront.map((position) => niche[position] as number),
        lastFront.map((position) => distance[position] as number),
        count - chosen.length,
      );
      chosen.push(...picked.map((pick) => lastFront[pick] as number));
    }
    return chosen.map((position) => {
      const index = considered[position] as number;
      const { genome, key, objectives: values, violation } = candidates[index] as Individual;
      const nicheDistance = distance[position] as number;
      return { genome, key, objectives: values, violation, rank: rankOf.get(index) as number, crowding: -nicheDistance, niche: niche[position] as number, nicheDistance };
    });
  }
}
