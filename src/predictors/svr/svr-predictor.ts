// Epsilon support-vector regression with an RBF (or linear) kernel, solved by our SMO, optionally tuned by CV.

import type { Rng } from '../../core/rng.js';
import type { PackedRows } from '../common/dataset.js';
import { notFittedError, packPredictionRows, packTrainingData } from '../common/dataset.js';
import { forEachSparseCrossDistanceRow, selfDistances } from '../common/distances.js';
import { booleanOption, checkOptionKeys, choiceOption, numberOption, numberOrWordOption } from '../common/options.js';
import { TARGET_TRANSFORM_KINDS, type TargetTransform, type TargetTransformKind, fitTargetTransform } from '../common/target-transform.js';
import { foldAssignments } from '../common/random.js';
import { maxAbsScales, scaleColumns, selectRows } from '../common/scaling.js';
import { sparseScaledPredictionRows } from '../common/sparse-rows.js';
import { kendallTau } from '../metrics/rank-correlation.js';
import type { Predictor } from '../types.js';
import { solveEpsilonSvr } from './smo-solver.js';

export type SvrKernel = 'rbf' | 'linear';

export interface SvrOptions {
  /** Default 'rbf'. */
  readonly kernel?: SvrKernel;
  /** Box constraint (on standardised targets); default 3. */
  readonly cost?: number;
  /** Half-width of the loss-free tube, in standard deviations of the targets; default 0.05. */
  readonly epsilon?: number;
  /** RBF width: a number, or 'scale' (default) = 1 / (columns * variance of all feature values). */
  readonly gamma?: number | 'scale';
  /** Stop when the largest KKT violation is below this; default 1e-3. */
  readonly tolerance?: number;
  /** SMO steps before giving up (see `converged`); default 200,000. */
  readonly maxIterations?: number;
  /** Pick cost and gamma (x 1/3, 1, 3 around the given values) by 3-fold CV Kendall tau; default false. */
  readonly tune?: boolean;
  /** Scale the model learns on: 'standardize' (default) or 'rank' (standardised ranks, robust to extreme targets). */
  readonly targetTransform?: TargetTransformKind;
}

export const SVR_OPTION_KEYS: readonly string[] = ['kernel', 'cost', 'epsilon', 'gamma', 'tolerance', 'maxIterations', 'tune', 'targetTransform'];

const TUNE_MULTIPLIERS: readonly number[] = [1 / 3, 1, 3];
const TUNE_FOLDS = 3;

interface SvrModel {
  readonly columnScales: Float64Array;
  readonly supportRows: PackedRows;
  readonly supportCoefficients: Float64Array;
  readonly bias: number;
  readonly gamma: number;
  readonly targetTransform: TargetTransform;
  readonly converged: boolean;
}

/**
 * Squared distances below this that are whole numbers (every distance between rows of 0/1 features, such as
 * one-hot genes) take their kernel value from a table: the same number Math.exp gives, without calling it.
 */
const INTEGER_DISTANCES = 256;

/** exp(-gamma d) for d = 0 .. INTEGER_DISTANCES - 1. */
function integerDistanceKernel(gamma: number): Float64Array {
  return Float64Array.from({ length: INTEGER_DISTANCES }, (_, distance) => Math.exp(-gamma * distance));
}

/** exp(-gamma d) of every squared distance, in place. */
function kernelFromDistances(distances: Float64Array, gamma: number): Float64Array {
  const kernelOf = integerDistanceKernel(gamma);
  for (let index = 0; index < distances.length; index += 1) {
    const distance = distances[index] as number;
    const whole = distance | 0;
    distances[index] = whole === distance && whole < INTEGER_DISTANCES ? (kernelOf[whole] as number) : Math.exp(-gamma * distance);
  }
  return distances;
}

function linearKernel(left: PackedRows, right: PackedRows): Float64Array {
  const columns = left.columnCount;
  const result = new Float64Array(left.rowCount * right.rowCount);
  for (let i = 0; i < left.rowCount; i += 1) {
    for (let j = 0; j < right.rowCount; j += 1) {
      let sum = 0;
      for (let k = 0; k < columns; k += 1) sum += (left.values[i * columns + k] as number) * (right.values[j * columns + k] as number);
      result[i * right.rowCount + j] = sum;
    }
  }
  return result;
}

/** sklearn's 'scale' heuristic: 1 / (columns * variance of every feature value pooled). */
function scaleGamma(rows: PackedRows): number {
  const count = rows.values.length;
  let mean = 0;
  for (let index = 0; index < count; index += 1) mean += rows.values[index] as number;
  mean /= count;
  let variance = 0;
  for (let index = 0; index < count; index += 1) variance += ((rows.values[index] as number) - mean) ** 2;
  variance /= count;
  return variance > 0 ? 1 / (rows.columnCount * variance) : 1;
}

/** Rows and columns `indices` of a square row-major matrix of side `size`. */
function subMatrix(matrix: Float64Array, size: number, rowIndices: Int32Array, columnIndices: Int32Array): Float64Array {
  const result = new Float64Array(rowIndices.length * columnIndices.length);
  for (let i = 0; i < rowIndices.length; i += 1) {
    const from = (rowIndices[i] as number) * size;
    for (let j = 0; j < columnIndices.length; j += 1) result[i * columnIndices.length + j] = matrix[from + (columnIndices[j] as number)] as number;
  }
  return result;
}

export class SvrPredictor implements Predictor {
  readonly name = 'svr';
  private readonly rng: Rng;
  private readonly kernel: SvrKernel;
  private readonly cost: number;
  private readonly epsilon: number;
  private readonly gammaOption: number | 'scale';
  private readonly tolerance: number;
  private readonly maxIterations: number;
  private readonly tune: boolean;
  private readonly targetTransform: TargetTransformKind;
  private model: SvrModel | undefined;
  private chosen: { cost: number; gamma: number } | undefined;

  constructor(rng: Rng, options: SvrOptions = {}) {
    const record = checkOptionKeys('svr', options, SVR_OPTION_KEYS);
    this.rng = rng;
    this.kernel = choiceOption('svr', 'kernel', record['kernel'], 'rbf', ['rbf', 'linear']);
    this.cost = numberOption('svr', 'cost', record['cost'], 3, { min: 0, minExclusive: true });
    this.epsilon = numberOption('svr', 'epsilon', record['epsilon'], 0.05, { min: 0 });
    this.gammaOption = numberOrWordOption('svr', 'gamma', record['gamma'], 'scale', 'scale', { min: 0, minExclusive: true });
    this.tolerance = numberOption('svr', 'tolerance', record['tolerance'], 1e-3, { min: 0, minExclusive: true });
    this.maxIterations = numberOption('svr', 'maxIterations', record['maxIterations'], 200_000, { min: 1, integer: true });
    this.tune = booleanOption('svr', 'tune', record['tune'], false);
    this.targetTransform = choiceOption('svr', 'targetTransform', record['targetTransform'], 'standardize', TARGET_TRANSFORM_KINDS);
  }

  /** Cost and gamma used by the last fit (after tuning); undefined before fit. */
  get hyperparameters(): { readonly cost: number; readonly gamma: number } | undefined {
    return this.chosen;
  }

  /** False when the last fit hit maxIterations before meeting the tolerance. */
  get converged(): boolean | undefined {
    return this.model?.converged;
  }

  fit(features: readonly Float64Array[], targets: readonly number[]): void {
    const data = packTrainingData(features, targets);
    const columnScales = maxAbsScales(data.rows);
    const rows = scaleColumns(data.rows, columnScales);
    const transformed = fitTargetTransform(data.targets, this.targetTransform);
    const n = rows.rowCount;
    const baseGamma = this.gammaOption === 'scale' ? scaleGamma(rows) : this.gammaOption;
    const distances = this.kernel === 'rbf' ? selfDistances(rows, 'squared-euclidean') : undefined;
    const kernelOf = (gamma: number): Float64Array => (distances === undefined ? linearKernel(rows, rows) : kernelFromDistances(distances.slice(), gamma));

    let cost = this.cost;
    let gamma = baseGamma;
    if (this.tune && n >= 2 * TUNE_FOLDS) {
      const folds = foldAssignments(n, TUNE_FOLDS, this.rng);
      const gammas = this.kernel === 'rbf' ? TUNE_MULTIPLIERS.map((multiplier) => baseGamma * multiplier) : [baseGamma];
      let bestTau = Number.NEGATIVE_INFINITY;
      for (const candidateGamma of gammas) {
        const fullKernel = kernelOf(candidateGamma);
        for (const multiplier of TUNE_MULTIPLIERS) {
          const candidateCost = this.cost * multiplier;
          const tau = this.crossValidatedTau(fullKernel, transformed.values, folds, candidateCost);
          if (tau > bestTau) {
            bestTau = tau;
            cost = candidateCost;
            gamma = candidateGamma;
          }
        }
      }
    }

    const solution = solveEpsilonSvr(kernelOf(gamma), transformed.values, {
      cost,
      epsilon: this.epsilon,
      tolerance: this.tolerance,
      maxIterations: this.maxIterations,
    });
    const support: number[] = [];
    solution.coefficients.forEach((coefficient, row) => {
      if (coefficient !== 0) support.push(row);
    });
    this.chosen = { cost, gamma };
    this.model = {
      columnScales,
      supportRows: selectRows(rows, support),
      supportCoefficients: Float64Array.from(support, (row) => solution.coefficients[row] as number),
      bias: solution.bias,
      gamma,
      targetTransform: transformed,
      converged: solution.converged,
    };
  }

  predict(features: readonly Float64Array[]): Float64Array {
    const model = this.model;
    if (model === undefined) throw notFittedError(this.name);
    const supportCount = model.supportRows.rowCount;
    let result: Float64Array;
    if (this.kernel === 'rbf') {
      const rows = sparseScaledPredictionRows(features, model.columnScales);
      result = new Float64Array(rows.rowCount).fill(model.bias);
      if (supportCount > 0) {
        const { gamma, supportCoefficients } = model;
        const kernelOf = integerDistanceKernel(gamma);
        forEachSparseCrossDistanceRow(rows, model.supportRows, 'squared-euclidean', (row, distances) => {
          let sum = model.bias;
          for (let support = 0; support < supportCount; support += 1) {
            const distance = distances[support] as number;
            const whole = distance | 0;
            const kernel = whole === distance && whole < INTEGER_DISTANCES ? (kernelOf[whole] as number) : Math.exp(-gamma * distance);
            sum += kernel * (supportCoefficients[support] as number);
          }
          result[row] = sum;
        });
      }
    } else {
      const rows = scaleColumns(packPredictionRows(features, model.columnScales.length), model.columnScales);
      result = new Float64Array(rows.rowCount).fill(model.bias);
      if (supportCount > 0) {
        const cross = linearKernel(rows, model.supportRows);
        for (let row = 0; row < rows.rowCount; row += 1) {
          let sum = model.bias;
          for (let support = 0; support < supportCount; support += 1) {
            sum += (cross[row * supportCount + support] as number) * (model.supportCoefficients[support] as number);
          }
          result[row] = sum;
        }
      }
    }
    for (let row = 0; row < result.length; row += 1) result[row] = model.targetTransform.toTarget(result[row] as number);
    return result;
  }

  /** Kendall tau of out-of-fold predictions pooled over the folds (0 when undefined). */
  private crossValidatedTau(fullKernel: Float64Array, targets: Float64Array, folds: Int32Array, cost: number): number {
    const n = targets.length;
    const outOfFold = new Float64Array(n);
    for (let fold = 0; fold < TUNE_FOLDS; fold += 1) {
      const train: number[] = [];
      const test: number[] = [];
      for (let row = 0; row < n; row += 1) (folds[row] === fold ? test : train).push(row);
      const trainIndices = Int32Array.from(train);
      const testIndices = Int32Array.from(test);
      const trainTargets = Float64Array.from(train, (row) => targets[row] as number);
      const solution = solveEpsilonSvr(subMatrix(fullKernel, n, trainIndices, trainIndices), trainTargets, {
        cost,
        epsilon: this.epsilon,
        tolerance: this.tolerance,
        maxIterations: this.maxIterations,
      });
      const cross = subMatrix(fullKernel, n, testIndices, trainIndices);
      for (let i = 0; i < test.length; i += 1) {
        let sum = solution.bias;
        for (let j = 0; j < train.length; j += 1) sum += (cross[i * train.length + j] as number) * (solution.coefficients[j] as number);
        outOfFold[test[i] as number] = sum;
      }
    }
    const tau = kendallTau(outOfFold, targets);
    return Number.isNaN(tau) ? 0 : tau;
  }
}
