// Ridge regression in closed form, with the penalty chosen by exact leave-one-out error (or GCV) over a grid.
//
// Targets are standardised and columns centred, so the intercept is never penalised. One eigendecomposition of
// X^T X (or of X X^T when there are fewer rows than columns) makes every alpha of the grid cost O(n * rank):
// with z_k = X v_k, the hat matrix is 1/n + sum_k z_k z_k^T / (lambda_k + alpha).

import type { PackedRows } from '../common/dataset.js';
import { notFittedError, packPredictionRows, packTrainingData } from '../common/dataset.js';
import { symmetricEigen } from '../common/linear-algebra.js';
import { checkOptionKeys, choiceOption, numberListOption, numberOrWordOption } from '../common/options.js';
import { maxAbsScales, scaleColumns, standardizeTargets } from '../common/scaling.js';
import type { PredictionWithUncertainty, Predictor } from '../types.js';

export type RidgeAlphaSelection = 'loo' | 'gcv';

export interface RidgeOptions {
  /** L2 penalty on standardised targets, or 'auto' (default) to pick it from `alphaGrid`. 0 = least squares (minimum norm). */
  readonly alpha?: number | 'auto';
  /** Candidate penalties for 'auto'; default 10^-4 .. 10^4 in half decades. */
  readonly alphaGrid?: readonly number[];
  /** Criterion for 'auto': exact leave-one-out squared error (default) or generalised cross-validation. */
  readonly alphaSelection?: RidgeAlphaSelection;
}

export const RIDGE_OPTION_KEYS: readonly string[] = ['alpha', 'alphaGrid', 'alphaSelection'];

const DEFAULT_ALPHA_GRID: readonly number[] = Array.from({ length: 17 }, (_, step) => 10 ** (-4 + step / 2));
/** Eigen-directions below this fraction of the largest eigenvalue are numerically empty and dropped. */
const RELATIVE_EIGEN_FLOOR = 1e-10;

interface RidgeModel {
  readonly columnCount: number;
  readonly columnScales: Float64Array;
  readonly columnMeans: Float64Array;
  /** Weights on scaled, centred columns, in standardised target units. */
  readonly weights: Float64Array;
  readonly targetMean: number;
  readonly targetScale: number;
  readonly alpha: number;
  readonly rowCount: number;
  /** Retained eigen-directions (column k of a columnCount x rank matrix) and eigenvalues, for the posterior. */
  readonly directions: Float64Array;
  readonly eigenvalues: Float64Array;
  /** Residual variance in standardised units. */
  readonly noiseVariance: number;
}

/** Retained eigenpairs of the centred design: eigenvalues, directions in column space (d x r), projections z = X v (n x r). */
interface Spectrum {
  readonly rank: number;
  readonly eigenvalues: Float64Array;
  readonly directions: Float64Array;
  readonly projections: Float64Array;
}

function spectrumOf(centred: PackedRows): Spectrum {
  const { values, rowCount: n, columnCount: d } = centred;
  if (d <= n) {
    const gram = new Float64Array(d * d);
    for (let row = 0; row < n; row += 1) {
      const offset = row * d;
      for (let i = 0; i < d; i += 1) {
        const value = values[offset + i] as number;
        if (value === 0) continue;
        const out = i * d;
        for (let j = i; j < d; j += 1) gram[out + j] = (gram[out + j] as number) + value * (values[offset + j] as number);
      }
    }
    for (let i = 0; i < d; i += 1) for (let j = 0; j < i; j += 1) gram[i * d + j] = gram[j * d + i] as number;
    const { values: eigenvalues, vectors } = symmetricEigen(gram, d);
    const kept = keptIndices(eigenvalues);
    const rank = kept.length;
    const directions = new Float64Array(d * rank);
    kept.forEach((source, k) => {
      for (let i = 0; i < d; i += 1) directions[i * rank + k] = vectors[i * d + source] as number;
    });
    const projections = multiply(values, n, d, directions, rank);
    return { rank, eigenvalues: Float64Array.from(kept, (index) => eigenvalues[index] as number), directions, projections };
  }
  // Fewer rows than columns: decompose X X^T; u_k are the left singular vectors.
  const gram = new Float64Array(n * n);
  for (let i = 0; i < n; i += 1) {
    for (let j = i; j < n; j += 1) {
      let sum = 0;
      for (let k = 0; k < d; k += 1) sum += (values[i * d + k] as number) * (values[j * d + k] as number);
      gram[i * n + j] = sum;
      gram[j * n + i] = sum;
    }
  }
  const { values: eigenvalues, vectors } = symmetricEigen(gram, n);
  const kept = keptIndices(eigenvalues);
  const rank = kept.length;
  const projections = new Float64Array(n * rank);
  const directions = new Float64Array(d * rank);
  kept.forEach((source, k) => {
    const root = Math.sqrt(eigenvalues[source] as number);
    for (let i = 0; i < n; i += 1) {
      const u = vectors[i * n + source] as number;
      projections[i * rank + k] = u * root;
      // v_k = X^T u_k / sqrt(lambda_k)
      for (let column = 0; column < d; column += 1) {
        directions[column * rank + k] = (directions[column * rank + k] as number) + (values[i * d + column] as number) * (u / root);
      }
    }
  });
  return { rank, eigenvalues: Float64Array.from(kept, (index) => eigenvalues[index] as number), directions, projections };
}

function keptIndices(eigenvalues: Float64Array): number[] {
  let largest = 0;
  for (const value of eigenvalues) largest = Math.max(largest, value);
  const kept: number[] = [];
  eigenvalues.forEach((value, index) => {
    if (value > largest * RELATIVE_EIGEN_FLOOR && value > 0) kept.push(index);
  });
  return kept;
}

/** (rows x inner) times (inner x columns), row-major. */
function multiply(left: Float64Array, rows: number, inner: number, right: Float64Array, columns: number): Float64Array {
  const result = new Float64Array(rows * columns);
  for (let i = 0; i < rows; i += 1) {
    for (let k = 0; k < inner; k += 1) {
      const value = left[i * inner + k] as number;
      if (value === 0) continue;
      const from = k * columns;
      const out = i * columns;
      for (let j = 0; j < columns; j += 1) result[out + j] = (result[out + j] as number) + value * (right[from + j] as number);
    }
  }
  return result;
}

/** Shrink factor 1 / (lambda + alpha); a direction with lambda + alpha = 0 cannot occur (lambda > 0 is kept only). */
function shrinkFactors(eigenvalues: Float64Array, alpha: number): Float64Array {
  return Float64Array.from(eigenvalues, (value) => 1 / (value + alpha));
}

/** Leave-one-out mean squared error, or GCV, of one alpha; Infinity when some row is interpolated exactly (h_ii = 1). */
function alphaScore(spectrum: Spectrum, projectedTargets: Float64Array, targets: Float64Array, alpha: number, selection: RidgeAlphaSelection): number {
  const { rank, projections } = spectrum;
  const n = targets.length;
  const shrink = shrinkFactors(spectrum.eigenvalues, alpha);
  const scaledProjected = Float64Array.from(projectedTargets, (value, k) => value * (shrink[k] as number));
  let sum = 0;
  let residualSquares = 0;
  let trace = 1;
  for (let k = 0; k < rank; k += 1) trace += (spectrum.eigenvalues[k] as number) * (shrink[k] as number);
  for (let i = 0; i < n; i += 1) {
    let fitted = 0;
    let leverage = 1 / n;
    const offset = i * rank;
    for (let k = 0; k < rank; k += 1) {
      const z = projections[offset + k] as number;
      fitted += z * (scaledProjected[k] as number);
      leverage += z * z * (shrink[k] as number);
    }
    const residual = (targets[i] as number) - fitted;
    residualSquares += residual * residual;
    if (selection === 'loo') {
      const remaining = 1 - leverage;
      if (remaining < 1e-10) return Number.POSITIVE_INFINITY;
      const leaveOneOut = residual / remaining;
      sum += leaveOneOut * leaveOneOut;
    }
  }
  if (selection === 'loo') return sum / n;
  const freedom = n - trace;
  return freedom <= 1e-10 ? Number.POSITIVE_INFINITY : (n * residualSquares) / (freedom * freedom);
}

export class RidgePredictor implements Predictor {
  readonly name = 'ridge';
  private readonly alphaOption: number | 'auto';
  private readonly alphaGrid: readonly number[];
  private readonly alphaSelection: RidgeAlphaSelection;
  private model: RidgeModel | undefined;

  constructor(options: RidgeOptions = {}) {
    const record = checkOptionKeys('ridge', options, RIDGE_OPTION_KEYS);
    this.alphaOption = numberOrWordOption('ridge', 'alpha', record['alpha'], 'auto', 'auto', { min: 0 });
    this.alphaGrid = numberListOption('ridge', 'alphaGrid', record['alphaGrid'], DEFAULT_ALPHA_GRID, { min: 0 });
    this.alphaSelection = choiceOption('ridge', 'alphaSelection', record['alphaSelection'], 'loo', ['loo', 'gcv']);
  }

  /** Penalty in use after fit (standardised target units); undefined before. */
  get alpha(): number | undefined {
    return this.model?.alpha;
  }

  /** Coefficient of each input column in target units (y = intercept + sum coefficient_j x_j); undefined before fit. */
  get coefficients(): Float64Array | undefined {
    const model = this.model;
    if (model === undefined) return undefined;
    return Float64Array.from(model.weights, (weight, column) => weight * model.targetScale * (model.columnScales[column] as number));
  }

  get intercept(): number | undefined {
    const model = this.model;
    if (model === undefined) return undefined;
    let shift = 0;
    model.weights.forEach((weight, column) => {
      shift += weight * (model.columnMeans[column] as number);
    });
    return model.targetMean - model.targetScale * shift;
  }

  fit(features: readonly Float64Array[], targets: readonly number[]): void {
    const data = packTrainingData(features, targets);
    const columnScales = maxAbsScales(data.rows);
    const scaled = scaleColumns(data.rows, columnScales);
    const { rowCount: n, columnCount: d } = scaled;
    const columnMeans = new Float64Array(d);
    for (let row = 0; row < n; row += 1) {
      for (let column = 0; column < d; column += 1) columnMeans[column] = (columnMeans[column] as number) + (scaled.values[row * d + column] as number);
    }
    for (let column = 0; column < d; column += 1) columnMeans[column] = (columnMeans[column] as number) / n;
    const centred = scaled.values;
    for (let row = 0; row < n; row += 1) {
      for (let column = 0; column < d; column += 1) centred[row * d + column] = (centred[row * d + column] as number) - (columnMeans[column] as number);
    }
    const standardized = standardizeTargets(data.targets);
    const spectrum = spectrumOf(scaled);
    const { rank, projections } = spectrum;
    const projectedTargets = new Float64Array(rank);
    for (let i = 0; i < n; i += 1) {
      const target = standardized.values[i] as number;
      for (let k = 0; k < rank; k += 1) projectedTargets[k] = (projectedTargets[k] as number) + (projections[i * rank + k] as number) * target;
    }

    let alpha: number;
    if (this.alphaOption === 'auto') {
      alpha = this.alphaGrid[this.alphaGrid.length - 1] as number;
      let bestScore = Number.POSITIVE_INFINITY;
      // Ascending grid, strict improvement: among equal scores the smallest penalty wins.
      for (const candidate of [...this.alphaGrid].sort((a, b) => a - b)) {
        const score = alphaScore(spectrum, projectedTargets, standardized.values, candidate, this.alphaSelection);
        if (score < bestScore) {
          bestScore = score;
          alpha = candidate;
        }
      }
    } else {
      alpha = this.alphaOption;
    }

    const shrink = shrinkFactors(spectrum.eigenvalues, alpha);
    const weights = new Float64Array(d);
    for (let column = 0; column < d; column += 1) {
      let sum = 0;
      for (let k = 0; k < rank; k += 1) sum += (spectrum.directions[column * rank + k] as number) * (projectedTargets[k] as number) * (shrink[k] as number);
      weights[column] = sum;
    }
    let residualSquares = 0;
    let trace = 1;
    for (let k = 0; k < rank; k += 1) trace += (spectrum.eigenvalues[k] as number) * (shrink[k] as number);
    for (let i = 0; i < n; i += 1) {
      let fitted = 0;
      for (let column = 0; column < d; column += 1) fitted += (centred[i * d + column] as number) * (weights[column] as number);
      const residual = (standardized.values[i] as number) - fitted;
      residualSquares += residual * residual;
    }
    this.model = {
      columnCount: d,
      columnScales,
      columnMeans,
      weights,
      targetMean: standardized.mean,
      targetScale: standardized.scale,
      alpha,
      rowCount: n,
      directions: spectrum.directions,
      eigenvalues: spectrum.eigenvalues,
      noiseVariance: residualSquares / Math.max(n - trace, 1),
    };
  }

  predict(features: readonly Float64Array[]): Float64Array {
    const model = this.requireModel();
    const rows = packPredictionRows(features, model.columnCount);
    const result = new Float64Array(rows.rowCount);
    const d = model.columnCount;
    for (let row = 0; row < rows.rowCount; row += 1) {
      let sum = 0;
      for (let column = 0; column < d; column += 1) {
        const centred = (rows.values[row * d + column] as number) * (model.columnScales[column] as number) - (model.columnMeans[column] as number);
        sum += centred * (model.weights[column] as number);
      }
      result[row] = model.targetMean + model.targetScale * sum;
    }
    return result;
  }

  /**
   * Bayesian reading of ridge: prior w ~ N(0, s^2 / alpha), noise s^2 estimated from the residuals. The std is that
   * of the predicted mean, s * sqrt(1/n + x^T (X^T X + alpha I)^-1 x); directions the data never varied along add
   * |x_null|^2 / alpha (nothing when alpha = 0).
   */
  predictWithUncertainty(features: readonly Float64Array[]): PredictionWithUncertainty {
    const model = this.requireModel();
    const mean = this.predict(features);
    const rows = packPredictionRows(features, model.columnCount);
    const d = model.columnCount;
    const rank = model.eigenvalues.length;
    const std = new Float64Array(rows.rowCount);
    const centred = new Float64Array(d);
    for (let row = 0; row < rows.rowCount; row += 1) {
      let normSquared = 0;
      for (let column = 0; column < d; column += 1) {
        const value = (rows.values[row * d + column] as number) * (model.columnScales[column] as number) - (model.columnMeans[column] as number);
        centred[column] = value;
        normSquared += value * value;
      }
      let quadratic = 0;
      let explained = 0;
      for (let k = 0; k < rank; k += 1) {
        let projection = 0;
        for (let column = 0; column < d; column += 1) projection += (model.directions[column * rank + k] as number) * (centred[column] as number);
        explained += projection * projection;
        quadratic += (projection * projection) / ((model.eigenvalues[k] as number) + model.alpha);
      }
      if (model.alpha > 0) quadratic += Math.max(0, normSquared - explained) / model.alpha;
      std[row] = model.targetScale * Math.sqrt(model.noiseVariance * (1 / model.rowCount + quadratic));
    }
    return { mean, std };
  }

  private requireModel(): RidgeModel {
    if (this.model === undefined) throw notFittedError(this.name);
    return this.model;
  }
}
