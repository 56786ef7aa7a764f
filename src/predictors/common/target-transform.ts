// The scale predictors learn on: standardised targets, or standardised ranks (robust to heavy tails), and the way back.

import { standardizeTargets } from './scaling.js';
import { averageRanks } from '../metrics/rank-correlation.js';

/**
 * 'standardize': (y - mean) / std, inverted exactly. 'rank': standardised average ranks, inverted by monotone
 * piecewise-linear interpolation between the training pairs (linear beyond them). Ranks stop a few extreme targets
 * (e.g. the 90% error of NB201's disconnected cells) from dominating a squared loss, which matters when the
 * predictions are used for their order.
 */
export type TargetTransformKind = 'standardize' | 'rank';

export const TARGET_TRANSFORM_KINDS: readonly TargetTransformKind[] = ['standardize', 'rank'];

export interface TargetTransform {
  readonly kind: TargetTransformKind;
  /** Training targets on the model's scale (zero mean, unit variance unless constant). */
  readonly values: Float64Array;
  /** Model output back to target units; increasing. */
  toTarget(value: number): number;
  /** A spread `std` around `mean` on the model's scale, in target units (half the image of mean +- std). */
  spreadToTarget(mean: number, std: number): number;
}

class StandardizeTransform implements TargetTransform {
  readonly kind = 'standardize';
  readonly values: Float64Array;
  private readonly mean: number;
  private readonly scale: number;

  constructor(targets: Float64Array) {
    const standardized = standardizeTargets(targets);
    this.values = standardized.values;
    this.mean = standardized.mean;
    this.scale = standardized.scale;
  }

  toTarget(value: number): number {
    return this.mean + this.scale * value;
  }

  spreadToTarget(_mean: number, std: number): number {
    return this.scale * std;
  }
}

class RankTransform implements TargetTransform {
  readonly kind = 'rank';
  readonly values: Float64Array;
  /** Knots of the inverse map: strictly increasing scores and their (distinct, increasing) targets. */
  private readonly knotScores: Float64Array;
  private readonly knotTargets: Float64Array;
  private readonly outerSlope: number;

  constructor(targets: Float64Array) {
    this.values = standardizeTargets(averageRanks(targets)).values;
    const order = Array.from(targets.keys()).sort((a, b) => (targets[a] as number) - (targets[b] as number));
    const scores: number[] = [];
    const knots: number[] = [];
    for (const row of order) {
      const target = targets[row] as number;
      if (knots.length > 0 && knots[knots.length - 1] === target) continue;
      knots.push(target);
      scores.push(this.values[row] as number);
    }
    this.knotScores = Float64Array.from(scores);
    this.knotTargets = Float64Array.from(knots);
    const last = knots.length - 1;
    this.outerSlope = last > 0 ? ((knots[last] as number) - (knots[0] as number)) / ((scores[last] as number) - (scores[0] as number)) : 0;
  }

  toTarget(value: number): number {
    const scores = this.knotScores;
    const targets = this.knotTargets;
    const last = scores.length - 1;
    if (value <= (scores[0] as number)) return (targets[0] as number) + (value - (scores[0] as number)) * this.outerSlope;
    if (value >= (scores[last] as number)) return (targets[last] as number) + (value - (scores[last] as number)) * this.outerSlope;
    let low = 0;
    let high = last;
    while (high - low > 1) {
      const middle = (low + high) >> 1;
      if ((scores[middle] as number) <= value) low = middle;
      else high = middle;
    }
    const share = (value - (scores[low] as number)) / ((scores[high] as number) - (scores[low] as number));
    return (targets[low] as number) + share * ((targets[high] as number) - (targets[low] as number));
  }

  spreadToTarget(mean: number, std: number): number {
    return (this.toTarget(mean + std) - this.toTarget(mean - std)) / 2;
  }
}

export function fitTargetTransform(targets: Float64Array, kind: TargetTransformKind): TargetTransform {
  return kind === 'rank' ? new RankTransform(targets) : new StandardizeTransform(targets);
}
