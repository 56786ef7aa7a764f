// Checking predictor inputs and packing feature rows into one row-major Float64Array for tight loops.

import { CarveError, badInput } from '../../core/errors.js';

/** Rows stored one after another: value (row, column) at `values[row * columnCount + column]`. */
export interface PackedRows {
  readonly values: Float64Array;
  readonly rowCount: number;
  readonly columnCount: number;
}

/** Checks that `source` is a row of `columnCount` numbers (not their finiteness); the message names the row. */
export function checkRowShape(source: Float64Array | undefined, row: number, columnCount: number, expectedFrom: string): Float64Array {
  if (source === undefined || typeof source.length !== 'number') {
    throw badInput('features', `row ${row} is not an array of numbers`, 'give one Float64Array of features per candidate');
  }
  if (source.length !== columnCount) {
    throw badInput(
      'features',
      `row ${row} has ${source.length} columns, ${expectedFrom} ${columnCount}`,
      'encode every candidate with the same feature encoder',
    );
  }
  return source;
}

/** The error for a feature value that is not a finite number. */
export function nonFiniteFeatureError(row: number, column: number, value: number): CarveError {
  return badInput('features', `row ${row} column ${column} is ${value}`, 'features must be finite numbers');
}

function packChecked(features: readonly Float64Array[], columnCount: number, expectedFrom: string): PackedRows {
  const rowCount = features.length;
  const values = new Float64Array(rowCount * columnCount);
  for (let row = 0; row < rowCount; row += 1) {
    const source = checkRowShape(features[row], row, columnCount, expectedFrom);
    const offset = row * columnCount;
    for (let column = 0; column < columnCount; column += 1) {
      const value = source[column] as number;
      if (!Number.isFinite(value)) throw nonFiniteFeatureError(row, column, value);
      values[offset + column] = value;
    }
  }
  return { values, rowCount, columnCount };
}

/** Checks a training set (at least one row, equal widths, finite values, one finite target per row) and packs it. */
export function packTrainingData(
  features: readonly Float64Array[],
  targets: readonly number[],
): { readonly rows: PackedRows; readonly targets: Float64Array } {
  if (!Array.isArray(features) || features.length === 0) {
    throw badInput('features', 'no training rows', 'fit needs the features of at least one evaluated candidate');
  }
  if (!Array.isArray(targets) || targets.length !== features.length) {
    const given = Array.isArray(targets) ? targets.length : 'no';
    throw badInput('targets', `${given} targets for ${features.length} feature rows`, 'give exactly one target per feature row');
  }
  const width = (features[0] as Float64Array | undefined)?.length;
  if (typeof width !== 'number' || width < 1) {
    throw badInput('features', 'rows have no columns', 'encode candidates into at least one feature');
  }
  const rows = packChecked(features, width, 'the first row has');
  const packedTargets = new Float64Array(targets.length);
  for (let row = 0; row < targets.length; row += 1) {
    const value = targets[row];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw badInput('targets', `target ${row} is ${String(value)}`, 'targets must be finite numbers (leave failed evaluations out)');
    }
    packedTargets[row] = value;
  }
  return { rows, targets: packedTargets };
}

/** Checks rows to predict against the width seen when fitting and packs them. */
export function packPredictionRows(features: readonly Float64Array[], fittedWidth: number): PackedRows {
  return packChecked(checkPredictionList(features), fittedWidth, FITTED_WIDTH);
}

/** What a prediction row's width is checked against, for the messages. */
export const FITTED_WIDTH = 'the model was fitted on';

/** Checks that rows to predict come as an array. */
export function checkPredictionList(features: readonly Float64Array[]): readonly Float64Array[] {
  if (!Array.isArray(features)) throw badInput('features', 'not an array of rows', 'give one Float64Array of features per candidate');
  return features;
}

/** The error for predicting with a model that was never fitted. */
export function notFittedError(predictorName: string): CarveError {
  return new CarveError('BAD_INPUT', `${predictorName} predictor has not been fitted`, {
    field: 'predictor',
    hint: 'call fit(features, targets) before predict',
  });
}
