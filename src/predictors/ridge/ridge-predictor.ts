// Ridge regression in closed form, with the penalty chosen by exact leave-one-out error (or GCV) over a grid.
//
// Targets are standardised and columns centred (implicitly, keeping one-hot rows sparse), so the intercept is never
// penalised. One eigendecomposition of
// X^T X (or of X X^T when there are fewer rows than columns) makes every alpha of the grid cost O(n * rank):
// with z_k = X v_k, the hat matrix is 1/n + sum_k z_k z_k^T / (lambda_k + alpha).

import type { PackedRows } from '../common/dataset.js';
import { notFittedError, packPredictionRows, packTrainingData } from '../common/dataset.js';
import { symmetricEigen } from '../common/linear-algebra.js';
import { checkOptionKeys, choiceOption, numberListOption, numberOrWordOption } from '../common/options.js';
import { TARGET_TRANSFORM_KINDS, type TargetTransform, type TargetTransformKind, fitTargetTransform } from '../common/target-transform.js';
import { maxAbsScales, scaleColumns } from '../common/scaling.js';
import { toSparseRows } from '../common/sparse-rows.js';
import type { PredictionWithUncertainty, Predictor } from '../types.js';

export type RidgeAlphaSelection = 'loo' | 'gcv';

export interface RidgeOptions {
  /** L2 penalty on standardised targets, or 'auto' (default) to pick it from `alphaGrid`. 0 = least squares (minimum norm). */
  readonly alpha?: number | 'auto';
  /** Candidate penalties for 'auto'; default 10^-4 .. 10^4 in half decades. */
  readonly alphaGrid?: readonly number[];
  /** Criterion for 'auto': exact leave-one-out squared error (default) or generalised cross-validation. */
  readonly alphaSelection?: RidgeAlphaSelection;
  /** Scale the model learns on: 'standardize' (default) or 'rank' (standardised ranks, robust to extreme targets). */
  readonly targetTransform?: TargetTransformKind;
}

export const RIDGE_OPTION_KEYS: readonly string[] = ['alpha', 'alphaGrid', 'alphaSelection', 'targetTransform'];

/** 1e-4 .. 1e4 in half decades, decades written exactly (10 ** -4 is not 1e-4 in floating point). */
const DEFAULT_ALPHA_GRID: readonly number[] = Array.from({ length: 17 }, (_, step) =>
  step % 2 === 0 ? Number(`1e${-4 + step / 2}`) : Math.sqrt(10) * Number(`1e${-4 + (step - 1) / 2}`),
);
/** Eigen-directions below this fraction of the largest eigenvalue are numerically empty and dropped. */
const RELATIVE_EIGEN_FLOOR = 1e-10;

interface RidgeModel {
  readonly columnCount: number;
  readonly columnScales: Float64Array;
  readonly columnMeans: Float64Array;
  /** Weights on scaled, centred columns, in standardised target units. */
  readonly weights: Float64Array;
  readonly targetTransform: TargetTransform;
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

/**
 * Eigenpairs of the centred design from the uncentred rows and the column means: X_c^T X_c = X^T X - n m m^T, and
 * X_c v = X v - (m . v), so the sparse rows are never densified by centring.
 */
function spectrumOf(rows: PackedRows, means: Float64Array): Spectrum {
  const { values, rowCount: n, columnCount: d } = rows;
  const sparse = toSparseRows(rows);
  const { starts, columns, values: entries } = sparse;
  if (d <= n) {
    const gram = new Float64Array(d * d);
    for (let row = 0; row < n; row += 1) {
      const stop = starts[row + 1] as number;
      for (let first = starts[row] as number; first < stop; first += 1) {
        const out = (columns[first] as number) * d;
        const value = entries[first] as number;
        for (let second = first; second < stop; second += 1) {
          const slot = out + (columns[second] as number);
          gram[slot] = (gram[slot] as number) + value * (entries[second] as number);
        }
      }
    }
    for (let i = 0; i < d; i += 1) {
      for (let j = i; j < d; j += 1) {
        const centred = (gram[i * d + j] as number) - n * (means[i] as number) * (means[j] as number);
        gram[i * d + j] = centred;
        gram[j * d + i] = centred;
      }
    }
    const { values: eigenvalues, vectors } = symmetricEigen(gram, d);
    const kept = keptIndices(eigenvalues);
    const rank = kept.length;
    const directions = new Float64Array(d * rank);
    kept.forEach((source, k) => {
      for (let i = 0; i < d; i += 1) directions[i * rank + k] = vectors[i * d + source] as number;
    });
    const meanProjection = new Float64Array(rank);
    for (let i = 0; i < d; i += 1) {
      const mean = means[i] as number;
      for (let k = 0; k < rank; k += 1) meanProjection[k] = (meanProjection[k] as number) + mean * (directions[i * rank + k] as number);
    }
    const projections = new Float64Array(n * rank);
    for (let row = 0; row < n; row += 1) {
      const out = row * rank;
      for (let k = 0; k < rank; k += 1) projections[out + k] = -(meanProjection[k] as number);
      for (let entry = starts[row] as number; entry < (starts[row + 1] as number); entry += 1) {
        const value = entries[entry] as number;
        const from = (columns[entry] as number) * rank;
        for (let k = 0; k < rank; k += 1) projections[out + k] = (projections[out + k] as number) + value * (directions[from + k] as number);
      }
    }
    return { rank, eigenvalues: Float64Array.from(kept, (index) => eigenvalues[index] as number), directions, projections };
  }
  // Fewer rows than columns: decompose X_c X_c^T; its eigenvectors u_k give z_k = sqrt(lambda_k) u_k.
  const meanDots = new Float64Array(n);
  let meanNorm = 0;
  for (let column = 0; column < d; column += 1) meanNorm += (means[column] as number) ** 2;
  for (let row = 0; row < n; row += 1) {
    let sum = 0;
    for (let entry = starts[row] as number; entry < (starts[row + 1] as number); entry += 1) {
      sum += (entries[entry] as number) * (means[columns[entry] as number] as number);
    }
    meanDots[row] = sum;
  }
  const gram = new Float64Array(n * n);
  for (let i = 0; i < n; i += 1) {
    for (let j = 0; j <= i; j += 1) {
      let dot = 0;
      for (let entry = starts[j] as number; entry < (starts[j + 1] as number); entry += 1) {
        dot += (entries[entry] as number) * (values[i * d + (columns[entry] as number)] as number);
      }
      const centred = dot - (meanDots[i] as number) - (meanDots[j] as number) + meanNorm;
      gram[i * n + j] = centred;
      gram[j * n + i] = centred;
    }
  }
  const { values: eigenvalues, vectors } = symmetricEigen(gram, n);
  const kept = keptIndices(eigenvalues);
  const rank = kept.length;
  const projections = new Float64Array(n * rank);
  const directions = new Float64Array(d * rank);
  kept.forEach((source, k) => {
    const root = Math.sqrt(eigenvalues[source] as number);
    let uSum = 0;
    for (let i = 0; i < n; i += 1) {
      const u = vectors[i * n + source] as number;
      uSum += u;
      projections[i * rank + k] = u * root;
      // v_k = X_c^T u_k / sqrt(lambda_k) = (X^T u_k - m sum(u_k)) / sqrt(lambda_k)
      for (let entry = starts[i] as number; entry < (starts[i + 1] as number); entry += 1) {
        const slot = (columns[entry] as number) * rank + k;
        directions[slot] = (directions[slot] as number) + ((entries[entry] as number) * u) / root;
      }
    }
    for (let column = 0; column < d; column += 1) {
      const slot = column * rank + k;
      directions[slot] = (directions[slot] as number) - ((means[column] as number) * uSum) / root;
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
  private readonly targetTransform: TargetTransformKind;
  private model: RidgeModel | undefined;

  constructor(options: RidgeOptions = {}) {
    const record = checkOptionKeys('ridge', options, RIDGE_OPTION_KEYS);
    this.alphaOption = numberOrWordOption('ridge', 'alpha', record['alpha'], 'auto', 'auto', { min: 0 });
    this.alphaGrid = numberListOption('ridge', 'alphaGrid', record['alphaGrid'], DEFAULT_ALPHA_GRID, { min: 0 });
    this.alphaSelection = choiceOption('ridge', 'alphaSelection', record['alphaSelection'], 'loo', ['loo', 'gcv']);
    this.targetTransform = choiceOption('ridge', 'targetTransform', record['targetTransform'], 'standardize', TARGET_TRANSFORM_KINDS);
  }

  /** Penalty in use after fit (standardised target units); undefined before. */
  get alpha(): number | undefined {
    return this.model?.alpha;
  }

  /**
   * Coefficient of each input column in target units (y = intercept + sum coefficient_j x_j); undefined before fit
   * and with the 'rank' transform, where the model is not linear in target units.
   */
  get coefficients(): Float64Array | undefined {
    const model = this.model;
    if (model === undefined || model.targetTransform.kind !== 'standardize') return undefined;
    const scale = model.targetTransform.spreadToTarget(0, 1);
    return Float64Array.from(model.weights, (weight, column) => weight * scale * (model.columnScales[column] as number));
  }

  /** Intercept in target units, under the same conditions as `coefficients`. */
  get intercept(): number | undefined {
    const model = this.model;
    if (model === undefined || model.targetTransform.kind !== 'standardize') return undefined;
    let shift = 0;
    model.weights.forEach((weight, column) => {
      shift += weight * (model.columnMeans[column] as number);
    });
    return model.targetTransform.toTarget(-shift);
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
    const transformed = fitTargetTransform(data.targets, this.targetTransform);
    const spectrum = spectrumOf(scaled, columnMeans);
    const { rank, projections } = spectrum;
    const projectedTargets = new Float64Array(rank);
    for (let i = 0; i < n; i += 1) {
      const target = transformed.values[i] as number;
      for (let k = 0; k < rank; k += 1) projectedTargets[k] = (projectedTargets[k] as number) + (projections[i * rank + k] as number) * target;
    }

    let alpha: number;
    if (this.alphaOption === 'auto') {
      // When every alpha interpolates some row exactly (too few rows), fall back to the strongest penalty.
      alpha = Math.max(...this.alphaGrid);
      let bestScore = Number.POSITIVE_INFINITY;
      // Ascending grid, strict improvement: among equal scores the smallest penalty wins.
      for (const candidate of [...this.alphaGrid].sort((a, b) => a - b)) {
        const score = alphaScore(spectrum, projectedTargets, transformed.values, candidate, this.alphaSelection);
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
      for (let k = 0; k < rank; k += 1) {
        sum += (spectrum.directions[column * rank + k] as number) * (projectedTargets[k] as number) * (shrink[k] as number);
      }
      weights[column] = sum;
    }
    let residualSquares = 0;
    let trace = 1;
    for (let k = 0; k < rank; k += 1) trace += (spectrum.eigenvalues[k] as number) * (shrink[k] as number);
    for (let i = 0; i < n; i += 1) {
      let fitted = 0;
      for (let k = 0; k < rank; k += 1) fitted += (projections[i * rank + k] as number) * (projectedTargets[k] as number) * (shrink[k] as number);
      const residual = (transformed.values[i] as number) - fitted;
      residualSquares += residual * residual;
    }
    this.model = {
      columnCount: d,
      columnScales,
      columnMeans,
      weights,
      targetTransform: transformed,
      alpha,
      rowCount: n,
      directions: spectrum.directions,
      eigenvalues: spectrum.eigenvalues,
      noiseVariance: residualSquares / Math.max(n - trace, 1),
    };
  }

  private predictOnModelScale(model: RidgeModel, features: readonly Float64Array[]): Float64Array {
    const rows = packPredictionRows(features, model.columnCount);
    const result = new Float64Array(rows.rowCount);
    const d = model.columnCount;
    for (let row = 0; row < rows.rowCount; row += 1) {
      let sum = 0;
      for (let column = 0; column < d; column += 1) {
        const centred = (rows.values[row * d + column] as number) * (model.columnScales[column] as number) - (model.columnMeans[column] as number);
        sum += centred * (model.weights[column] as number);
      }
      result[row] = sum;
    }
    return result;
  }

  predict(features: readonly Float64Array[]): Float64Array {
    const model = this.requireModel();
    const result = this.predictOnModelScale(model, features);
    for (let row = 0; row < result.length; row += 1) result[row] = model.targetTransform.toTarget(result[row] as number);
    return result;
  }

  /**
   * Bayesian reading of ridge: prior w ~ N(0, s^2 / alpha), noise s^2 estimated from the residuals. The std is that
   * of the predicted mean, s * sqrt(1/n + x^T (X^T X + alpha I)^-1 x); directions the data never varied along add
   * |x_null|^2 / alpha (nothing when alpha = 0).
   */
  predictWithUncertainty(features: readonly Float64Array[]): PredictionWithUncertainty {
    const model = this.requireModel();
    const meanOnModelScale = this.predictOnModelScale(model, features);
    const mean = Float64Array.from(meanOnModelScale, (value) => model.targetTransform.toTarget(value));
    // Projections onto the eigen-directions from the sparse scaled rows: V^T (x - m) = V^T x - V^T m.
    const rows = toSparseRows(scaleColumns(packPredictionRows(features, model.columnCount), model.columnScales));
    const rank = model.eigenvalues.length;
    const meanProjection = new Float64Array(rank);
    let meanNormSquared = 0;
    model.columnMeans.forEach((mean, column) => {
      meanNormSquared += mean * mean;
      for (let k = 0; k < rank; k += 1) meanProjection[k] = (meanProjection[k] as number) + mean * (model.directions[column * rank + k] as number);
    });
    const std = new Float64Array(rows.rowCount);
    const projection = new Float64Array(rank);
    for (let row = 0; row < rows.rowCount; row += 1) {
      for (let k = 0; k < rank; k += 1) projection[k] = -(meanProjection[k] as number);
      let normSquared = meanNormSquared;
      for (let entry = rows.starts[row] as number; entry < (rows.starts[row + 1] as number); entry += 1) {
        const column = rows.columns[entry] as number;
        const value = rows.values[entry] as number;
        normSquared += value * value - 2 * value * (model.columnMeans[column] as number);
        const from = column * rank;
        for (let k = 0; k < rank; k += 1) projection[k] = (projection[k] as number) + value * (model.directions[from + k] as number);
      }
      let quadratic = 0;
      let explained = 0;
      for (let k = 0; k < rank; k += 1) {
        const value = projection[k] as number;
        explained += value * value;
        quadratic += (value * value) / ((model.eigenvalues[k] as number) + model.alpha);
      }
      if (model.alpha > 0) quadratic += Math.max(0, normSquared - explained) / model.alpha;
      const stdOnModelScale = Math.sqrt(model.noiseVariance * (1 / model.rowCount + quadratic));
      std[row] = model.targetTransform.spreadToTarget(meanOnModelScale[row] as number, stdOnModelScale);
    }
    return { mean, std };
  }

  private requireModel(): RidgeModel {
    if (this.model === undefined) throw notFittedError(this.name);
    return this.model;
  }
}
