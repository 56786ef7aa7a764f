// Hypervolume kept up to date as points arrive one at a time, and the hypervolume-after-each-point curve.

import { badInput } from '../core/errors.js';
import { weaklyDominates } from './dominance.js';
import { exactHypervolume } from './hypervolume-exact.js';
import { distinctFront } from './pareto-front.js';
import { Staircase } from './staircase.js';
import { checkPointsAndReference, checkVector, type FlatPoints, type PointSet } from './validate.js';

function checkReference(reference: readonly number[], dimension?: number): void {
  if (!Array.isArray(reference) || reference.length === 0) {
    throw badInput('reference', 'expected a non-empty array of numbers', 'give one reference value per objective');
  }
  checkVector(reference, dimension ?? reference.length, 'reference');
}

/** Incremental 2-D hypervolume: O(log n) amortised per added point, exact up to rounding. */
export class Hypervolume2dTracker {
  private readonly staircase: Staircase;

  constructor(reference: readonly number[]) {
    checkReference(reference, 2);
    this.staircase = new Staircase(reference[0] as number, reference[1] as number);
  }

  /** Adds a point and returns the hypervolume of everything added so far. */
  add(point: readonly number[]): number {
    checkVector(point, 2, 'point');
    this.staircase.insert(point[0] as number, point[1] as number);
    return this.staircase.area;
  }

  get hypervolume(): number {
    return this.staircase.area;
  }

  /** The distinct non-dominated points inside the reference, by ascending first objective. */
  front(): number[][] {
    return this.staircase.points();
  }
}

/**
 * Incremental hypervolume in any dimension. A point that is outside the reference or weakly dominated
 * changes nothing; otherwise the hypervolume grows by its exclusive contribution against the current
 * front (its box minus the hypervolume of the front clipped to that box), and the points it dominates leave.
 */
export class HypervolumeTracker {
  private readonly reference: Float64Array;
  private readonly dimension: number;
  private readonly tracker2d: Hypervolume2dTracker | undefined;
  private members: number[][] = [];
  private total = 0;

  constructor(reference: readonly number[]) {
    checkReference(reference);
    this.reference = Float64Array.from(reference);
    this.dimension = reference.length;
    this.tracker2d = this.dimension === 2 ? new Hypervolume2dTracker(reference) : undefined;
  }

  /** Adds a point and returns the hypervolume of everything added so far. */
  add(point: readonly number[]): number {
    if (this.tracker2d !== undefined) return this.tracker2d.add(point);
    checkVector(point, this.dimension, 'point');
    const { dimension, reference } = this;
    for (let column = 0; column < dimension; column += 1) {
      if (!((point[column] as number) < (reference[column] as number))) return this.total;
    }
    if (this.members.some((member) => weaklyDominates(member, point))) return this.total;
    let box = 1;
    for (let column = 0; column < dimension; column += 1) box *= (reference[column] as number) - (point[column] as number);
    const limits = new Float64Array(this.members.length * dimension);
    this.members.forEach((member, row) => {
      for (let column = 0; column < dimension; column += 1) {
        limits[row * dimension + column] = Math.max(member[column] as number, point[column] as number);
      }
    });
    let limitSet: FlatPoints = { data: limits, count: this.members.length, dimension };
    if (dimension >= 4) limitSet = distinctFront(limitSet);
    this.total += Math.max(0, box - exactHypervolume(limitSet, reference));
    this.members = this.members.filter((member) => !weaklyDominates(point, member));
    this.members.push([...point]);
    return this.total;
  }

  get hypervolume(): number {
    return this.tracker2d === undefined ? this.total : this.tracker2d.hypervolume;
  }

  /** The distinct non-dominated points inside the reference. */
  front(): number[][] {
    return this.tracker2d === undefined ? this.members.map((member) => [...member]) : this.tracker2d.front();
  }
}

/** Hypervolume of the first k points, for k = 1..n (entry k-1), e.g. over a trace of evaluations. */
export function hypervolumeCurve(points: PointSet, reference: readonly number[]): number[] {
  checkPointsAndReference(points, reference);
  const tracker = new HypervolumeTracker(reference);
  return points.map((point) => tracker.add(point));
}
