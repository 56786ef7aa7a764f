// Stacking: a blend of several models' predictions with non-negative weights and a free intercept, fitted by
// least squares on their out-of-fold predictions (so a model is weighted by how well it predicts rows it has not
// seen, and two models that err differently can beat either alone).

import { badInput } from '../core/errors.js';

export interface StackWeights {
  /** One non-negative weight per model (0 for a model left out). */
  readonly weights: Float64Array;
  readonly intercept: number;
  /** Sum of squared residuals of the blend on the given predictions. */
  readonly residualSquares: number;
}

/** Most models a stack considers: every subset of them is tried (2^n - 1 small least-squares problems). */
export const MAX_STACKED_MODELS = 10;

/**
 * Non-negative least squares with an unpenalised intercept, exactly, by trying every subset of models: the
 * best fit among subsets whose unconstrained weights are all non-negative is the constrained optimum (the
 * optimum's non-zero weights solve the unconstrained problem on their own subset). Near-collinear columns get
 * a ridge of 1e-10 of the column's variance, so the fit is defined when two models predict the same.
 */
export function stackWeights(predictions: readonly ArrayLike<number>[], targets: ArrayLike<number>): StackWeights {
  const models = predictions.length;
  if (models < 1 || models > MAX_STACKED_MODELS) {
    throw badInput('predictions', `${models} models to stack`, `stack 1 to ${MAX_STACKED_MODELS} models`);
  }
  const rows = targets.length;
  if (rows < 2) throw badInput('targets', `${rows} rows`, 'stacking needs at least 2 rows');
  predictions.forEach((column, model) => {
    if (column.length !== rows) throw badInput(`predictions[${model}]`, `has ${column.length} rows, the targets ${rows}`, 'give one prediction per target');
  });
  // Centred columns and targets: the intercept then drops out of every subset's normal equations.
  const means = predictions.map((column) => mean(column));
  const targetMean = mean(targets);
  const centred = predictions.map((column, model) => Float64Array.from({ length: rows }, (_, row) => (column[row] as number) - (means[model] as number)));
  const y = Float64Array.from({ length: rows }, (_, row) => (targets[row] as number) - targetMean);
  const gram = centred.map((left) => centred.map((right) => dot(left, right)));
  const moments = centred.map((column) => dot(column, y));
  const total = dot(y, y);

  let best: { weights: Float64Array; residualSquares: number } = { weights: new Float64Array(models), residualSquares: total };
  for (let subset = 1; subset < 1 << models; subset += 1) {
    const members = Array.from({ length: models }, (_, model) => model).filter((model) => (subset & (1 << model)) !== 0);
    const solved = solveSymmetric(
      members.map((i) => members.map((j) => ((gram[i] as number[])[j] as number) + (i === j ? 1e-10 * ((gram[i] as number[])[i] as number) / rows + 1e-300 : 0))),
      members.map((i) => moments[i] as number),
    );
    if (solved === null || solved.some((weight) => weight < 0)) continue;
    const weights = new Float64Array(models);
    members.forEach((model, position) => {
      weights[model] = solved[position] as number;
    });
    // Residual sum of squares |y - Xw|^2 = y.y - 2 w.X^T y + w^T G w.
    let residualSquares = total;
    for (let i = 0; i < models; i += 1) {
      residualSquares -= 2 * (weights[i] as number) * (moments[i] as number);
      for (let j = 0; j < models; j += 1) residualSquares += (weights[i] as number) * (weights[j] as number) * ((gram[i] as number[])[j] as number);
    }
    if (residualSquares < best.residualSquares - 1e-12 * Math.max(total, 1e-300)) best = { weights, residualSquares };
  }
  let intercept = targetMean;
  best.weights.forEach((weight, model) => {
    intercept -= weight * (means[model] as number);
  });
  return { weights: best.weights, intercept, residualSquares: Math.max(0, best.residualSquares) };
}

function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let index = 0; index < values.length; index += 1) sum += values[index] as number;
  return sum / values.length;
}

function dot(left: ArrayLike<number>, right: ArrayLike<number>): number {
  let sum = 0;
  for (let index = 0; index < left.length; index += 1) sum += (left[index] as number) * (right[index] as number);
  return sum;
}

/** Gaussian elimination with partial pivoting on a small system; null when it is singular. */
function solveSymmetric(matrix: number[][], vector: number[]): number[] | null {
  const size = vector.length;
  const a = matrix.map((row, index) => [...row, vector[index] as number]);
  for (let column = 0; column < size; column += 1) {
    let pivot = column;
    for (let row = column + 1; row < size; row += 1) {
      if (Math.abs((a[row] as number[])[column] as number) > Math.abs((a[pivot] as number[])[column] as number)) pivot = row;
    }
    const pivotValue = (a[pivot] as number[])[column] as number;
    if (!(Math.abs(pivotValue) > 0)) return null;
    [a[column], a[pivot]] = [a[pivot] as number[], a[column] as number[]];
    const top = a[column] as number[];
    for (let row = column + 1; row < size; row += 1) {
      const current = a[row] as number[];
      const factor = (current[column] as number) / (top[column] as number);
      for (let k = column; k <= size; k += 1) current[k] = (current[k] as number) - factor * (top[k] as number);
    }
  }
  const solution = new Array<number>(size).fill(0);
  for (let row = size - 1; row >= 0; row -= 1) {
    const current = a[row] as number[];
    let sum = current[size] as number;
    for (let k = row + 1; k < size; k += 1) sum -= (current[k] as number) * (solution[k] as number);
    solution[row] = sum / (current[row] as number);
  }
  return solution.every(Number.isFinite) ? solution : null;
}
