// AGE-MOEA survival (Panichella 2019): whole fronts, then the last front by a score from the first front's geometry.

import { badInput } from '../../core/errors.js';
import { nonDominatedSortConstrained } from '../../indicators/index.js';
import type { RankedIndividual, Survival } from '../operators/types.js';
import type { Individual } from '../types.js';
import { cornerSolutions, estimateGeometry, interceptNormalization, minkowskiDistance, minkowskiNorm } from './geometry.js';

/** What survival learnt from the first front: its ideal point, normalisation divisors and geometry p. */
export interface FrontGeometry {
  readonly ideal: readonly number[];
  readonly normalization: readonly number[];
  readonly p: number;
}

/**
 * Scores of the members of a first front (larger is better) and the geometry behind them. The front is
 * translated to its ideal point and divided by the intercepts of the plane through its extreme points; p is
 * estimated from its most central point. Extremes score Infinity; the others are taken greedily, each time
 * the one whose two nearest already-taken members (Lp distance) are farthest relative to its own Lp
 * distance from the ideal point (diversity / proximity), and scored by that ratio.
 */
export function firstFrontScores(points: readonly (readonly number[])[]): { scores: number[]; geometry: FrontGeometry } {
  const count = points.length;
  if (count === 0) return { scores: [], geometry: { ideal: [], normalization: [], p: 1 } };
  const dimension = (points[0] as readonly number[]).length;
  const ideal = Array.from({ length: dimension }, (_, column) => Math.min(...points.map((point) => point[column] as number)));
  const translated = points.map((point) => point.map((value, column) => value - (ideal[column] as number)));
  const extremes = cornerSolutions(translated);
  const normalization = interceptNormalization(translated, extremes);
  const normalized = translated.map((point) => point.map((value, column) => value / (normalization[column] as number)));
  const p = estimateGeometry(normalized, extremes);
  const scores = new Array<number>(count).fill(0);
  const taken = new Array<boolean>(count).fill(false);
  for (const index of extremes) {
    scores[index] = Infinity;
    taken[index] = true;
  }
  const proximity = normalized.map((point) => minkowskiNorm(point, p));
  // The two smallest distances of each remaining member to the members taken so far, updated as members are taken.
  const nearest = Array.from({ length: count }, () => [Infinity, Infinity]);
  const record = (index: number, taker: number): void => {
    const distance = minkowskiDistance(normalized[index] as readonly number[], normalized[taker] as readonly number[], p);
    const pair = nearest[index] as number[];
    if (distance < (pair[0] as number)) {
      pair[1] = pair[0] as number;
      pair[0] = distance;
    } else if (distance < (pair[1] as number)) pair[1] = distance;
  };
  for (let index = 0; index < count; index += 1) {
    if (taken[index]) continue;
    for (const extreme of extremes) record(index, extreme);
  }
  const takenCount = extremes.length;
  for (let round = takenCount; round < count; round += 1) {
    let best = -1;
    let bestScore = -Infinity;
    for (let index = 0; index < count; index += 1) {
      if (taken[index]) continue;
      const pair = nearest[index] as number[];
      // With a single member taken, its one distance is the diversity.
      const diversity = Number.isFinite(pair[1]) ? (pair[0] as number) + (pair[1] as number) : (pair[0] as number);
      const score = (proximity[index] as number) > 0 ? diversity / (proximity[index] as number) : Infinity;
      if (score > bestScore) {
        best = index;
        bestScore = score;
      }
    }
    taken[best] = true;
    scores[best] = bestScore;
    for (let index = 0; index < count; index += 1) if (!taken[index]) record(index, best);
  }
  return { scores, geometry: { ideal, normalization, p } };
}

/** Later fronts: proximity only, 1 / (Lp distance of the normalised point from the ideal point). */
export function laterFrontScore(point: readonly number[], geometry: FrontGeometry): number {
  const normalized = point.map((value, column) => (value - (geometry.ideal[column] as number)) / (geometry.normalization[column] as number));
  const distance = minkowskiNorm(normalized, geometry.p);
  return distance > 0 ? 1 / distance : Infinity;
}

/**
 * Keeps fronts of the constrained non-dominated sort in order while they fit and fills the rest from the
 * next front by decreasing score. `crowding` of each survivor holds its score (larger is better), so the
 * usual binary tournament compares rank, then score. Ties keep the input order. `lastGeometry` is the
 * geometry of the latest first front (p, normalisation), for inspection.
 */
export class AgeMoeaSurvival implements Survival {
  lastGeometry: FrontGeometry | undefined;

  survive(candidates: readonly Individual[], count: number): RankedIndividual[] {
    if (!Number.isInteger(count) || count < 0) throw badInput('count', `must be an integer >= 0, got ${count}`);
    if (candidates.length === 0 || count === 0) return [];
    const objectives = candidates.map((candidate) => candidate.objectives);
    const fronts = nonDominatedSortConstrained(
      objectives,
      candidates.map((candidate) => candidate.violation),
    );
    const first = firstFrontScores((fronts[0] as number[]).map((index) => objectives[index] as readonly number[]));
    this.lastGeometry = first.geometry;
    const survivors: RankedIndividual[] = [];
    for (let rank = 0; rank < fronts.length && survivors.length < count; rank += 1) {
      const front = fronts[rank] as number[];
      const scores =
        rank === 0 ? first.scores : front.map((index) => laterFrontScore(objectives[index] as readonly number[], first.geometry));
      let order = front.map((_, position) => position);
      if (survivors.length + front.length > count) {
        order = order.sort((left, right) => byScoreDescending(scores[left] as number, scores[right] as number));
        order.length = count - survivors.length;
      }
      for (const position of order) {
        const { genome, key, objectives: values, violation } = candidates[front[position] as number] as Individual;
        survivors.push({ genome, key, objectives: values, violation, rank, crowding: scores[position] as number });
      }
    }
    return survivors;
  }
}

function byScoreDescending(left: number, right: number): number {
  if (left === right) return 0;
  return left > right ? -1 : 1;
}
