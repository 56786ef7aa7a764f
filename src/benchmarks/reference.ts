// The reference of a fully known table: ideal and nadir, true Pareto front and its exact hypervolume.

import { CarveError } from '../core/errors.js';
import type { ObjectiveSpec } from '../core/objective.js';
import { toMinimization } from '../core/objective.js';
import { hypervolume, paretoFrontIndices } from '../indicators/index.js';
import type { ProblemReference } from './problem.js';

export interface ReferenceTable {
  readonly objectives: readonly ObjectiveSpec[];
  /** Raw values, one column per objective, one entry per row; a row with a missing (NaN) value is left out. */
  readonly columns: readonly ArrayLike<number>[];
  /** Candidate key of a row. */
  keyOfRow(row: number): string;
  /** Dataset-native id of a candidate key. */
  nativeId(key: string): string;
}

/**
 * Min-max bounds in minimisation space, the true front over every measured row (duplicated points kept,
 * sorted by objectives then row) and the exact hypervolume of that front normalised to [0, 1] per objective
 * against the reference point (1, …, 1).
 */
export function computeReference(table: ReferenceTable): ProblemReference {
  const objectiveCount = table.objectives.length;
  if (table.columns.length !== objectiveCount) {
    throw new CarveError('INTERNAL', `${table.columns.length} columns for ${objectiveCount} objectives`);
  }
  const rowCount = table.columns[0]?.length ?? 0;

  // Objective values turned to minimisation, rows with any missing value dropped.
  const rows: number[] = [];
  const minimized: number[][] = [];
  for (let row = 0; row < rowCount; row += 1) {
    const point = new Array<number>(objectiveCount);
    let complete = true;
    for (let objective = 0; objective < objectiveCount; objective += 1) {
      const value = (table.columns[objective] as ArrayLike<number>)[row] as number;
      if (!Number.isFinite(value)) {
        complete = false;
        break;
      }
      point[objective] = toMinimization(value, (table.objectives[objective] as ObjectiveSpec).direction);
    }
    if (!complete) continue;
    rows.push(row);
    minimized.push(point);
  }
  if (rows.length === 0) throw new CarveError('INTERNAL', 'the table has no row with every objective measured');

  const ideal = new Array<number>(objectiveCount).fill(Infinity);
  const nadir = new Array<number>(objectiveCount).fill(-Infinity);
  for (const point of minimized) {
    for (let objective = 0; objective < objectiveCount; objective += 1) {
      const value = point[objective] as number;
      if (value < (ideal[objective] as number)) ideal[objective] = value;
      if (value > (nadir[objective] as number)) nadir[objective] = value;
    }
  }

  // The front is found on the exact values; normalisation is monotone, so it is the same front.
  const frontPositions = paretoFrontIndices(minimized);
  frontPositions.sort((positionA, positionB) => {
    const pointA = minimized[positionA] as number[];
    const pointB = minimized[positionB] as number[];
    for (let objective = 0; objective < objectiveCount; objective += 1) {
      const difference = (pointA[objective] as number) - (pointB[objective] as number);
      if (difference !== 0) return difference;
    }
    return positionA - positionB;
  });

  const normalize = (point: readonly number[]): number[] =>
    point.map((value, objective) => {
      const low = ideal[objective] as number;
      const span = (nadir[objective] as number) - low;
      return span > 0 ? (value - low) / span : 0;
    });
  const frontNormalized = frontPositions.map((position) => normalize(minimized[position] as number[]));
  const hvTrue = hypervolume(frontNormalized, new Array<number>(objectiveCount).fill(1));

  const distinctPoints = new Set(frontPositions.map((position) => (minimized[position] as number[]).join(',')));
  const trueFront = frontPositions.map((position) => {
    const row = rows[position] as number;
    return {
      key: table.keyOfRow(row),
      values: Object.freeze(table.columns.map((column) => column[row] as number)),
    };
  });

  return {
    ideal: Object.freeze(ideal),
    nadir: Object.freeze(nadir),
    trueFront: Object.freeze(trueFront),
    trueFrontPointCount: distinctPoints.size,
    hvTrue,
    nativeId: (key) => table.nativeId(key),
  };
}
