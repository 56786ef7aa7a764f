// Exact Gaussian-process regression: posterior mean and std, hyper-parameters by maximum marginal likelihood.
//
// Targets are standardised; the covariance is s^2 (R + g I) with R the kernel correlation. For fixed length scale
// and noise ratio g the best signal variance has a closed form, s^2 = y^T (R + g I)^-1 y / n, so the search is
// over (length scale, g) only: a log-spaced grid, then a compass search on the logs. For large sets the search
// runs on a seeded subset; the final factorisation always uses every row.

import type { Rng } from '../../core/rng.js';
import { CarveError } from '../../core/errors.js';
import type { PackedRows } from '../common/dataset.js';
import { notFittedError, packPredictionRows, packTrainingData } from '../common/dataset.js';
import { crossDistances, medianOffDiagonal, selfDistances } from '../common/distances.js';
import { choleskyInPlace, solveLowerInPlace, solveLowerTransposedInPlace } from '../common/linear-algebra.js';
import { checkOptionKeys, choiceOption, numberOption, numberOrWordOption } from '../common/options.js';
import { TARGET_TRANSFORM_KINDS, type TargetTransform, type TargetTransformKind, fitTargetTransform } from '../common/target-transform.js';
import { sampleWithoutReplacement } from '../common/random.js';
import { maxAbsScales, scaleColumns, selectRows } from '../common/scaling.js';
import type { PredictionWithUncertainty, Predictor } from '../types.js';
import { type GpKernel, correlationFunction, distanceKindOf, typicalLength } from './gp-kernels.js';

export interface GpOptions {
  /** Default 'rbf'; 'hamming' (exp of the share of differing columns) suits one-hot genomes. */
  readonly kernel?: GpKernel;
  /** Length scale in units of the kernel's distance, or 'auto' (default) to fit it. */
  readonly lengthScale?: number | 'auto';
  /** Noise variance as a share of the signal variance, or 'auto' (default) to fit it. */
  readonly noiseRatio?: number | 'auto';
  /** Most rows used while fitting hyper-parameters (a seeded subset beyond it); default 250. */
  readonly maxHyperparameterRows?: number;
  /** Scale the model learns on: 'standardize' (default) or 'rank' (standardised ranks, robust to extreme targets). */
  readonly targetTransform?: TargetTransformKind;
}

export const GP_OPTION_KEYS: readonly string[] = ['kernel', 'lengthScale', 'noiseRatio', 'maxHyperparameterRows', 'targetTransform'];

const LENGTH_GRID: readonly number[] = [0.5, 1, 2, 4];
const NOISE_GRID: readonly number[] = [1e-3, 3e-2, 0.3];
/** Search bounds: length scale within this factor of the typical distance, noise ratio in [MIN, MAX]. */
const LENGTH_RANGE = 50;
const MIN_NOISE_RATIO = 1e-6;
const MAX_NOISE_RATIO = 10;
const COMPASS_START_STEP = Math.log(2);
const COMPASS_MIN_STEP = Math.log(1.15);
const COMPASS_MAX_EVALUATIONS = 8;

export interface GpHyperparameters {
  readonly lengthScale: number;
  readonly noiseRatio: number;
  /** In standardised target units. */
  readonly signalVariance: number;
}

interface GpModel {
  readonly kernel: GpKernel;
  readonly rows: PackedRows;
  readonly columnScales: Float64Array;
  /** Cholesky factor of R + g I. */
  readonly lower: Float64Array;
  /** (R + g I)^-1 y. */
  readonly weights: Float64Array;
  readonly hyperparameters: GpHyperparameters;
  readonly logMarginalLikelihood: number;
  readonly targetTransform: TargetTransform;
}

interface Factorization {
  readonly lower: Float64Array;
  readonly weights: Float64Array;
  readonly signalVariance: number;
  /** Log marginal likelihood of the standardised targets at the best signal variance. */
  readonly logLikelihood: number;
}

/** Factorises s^2 (R + g I) for the profiled s^2; undefined when R + g I is not numerically positive definite. */
function factorize(
  distances: Float64Array,
  targets: Float64Array,
  kernel: GpKernel,
  lengthScale: number,
  noiseRatio: number,
): Factorization | undefined {
  const n = targets.length;
  const correlation = correlationFunction(kernel, lengthScale);
  const matrix = new Float64Array(n * n);
  for (let i = 0; i < n; i += 1) {
    for (let j = 0; j < i; j += 1) matrix[i * n + j] = correlation(distances[i * n + j] as number);
    matrix[i * n + i] = 1 + noiseRatio;
  }
  if (!choleskyInPlace(matrix, n)) return undefined;
  const weights = targets.slice();
  solveLowerInPlace(matrix, n, weights);
  let quadratic = 0;
  for (const value of weights) quadratic += value * value;
  solveLowerTransposedInPlace(matrix, n, weights);
  let halfLogDeterminant = 0;
  for (let i = 0; i < n; i += 1) halfLogDeterminant += Math.log(matrix[i * n + i] as number);
  const signalVariance = Math.max(quadratic / n, 1e-300);
  const logLikelihood = -0.5 * n * (Math.log(signalVariance) + 1 + Math.log(2 * Math.PI)) - halfLogDeterminant;
  return { lower: matrix, weights, signalVariance, logLikelihood };
}

export class GaussianProcessPredictor implements Predictor {
  readonly name = 'gp';
  private readonly rng: Rng;
  private readonly kernel: GpKernel;
  private readonly lengthScaleOption: number | 'auto';
  private readonly noiseRatioOption: number | 'auto';
  private readonly maxHyperparameterRows: number;
  private readonly targetTransform: TargetTransformKind;
  private model: GpModel | undefined;

  constructor(rng: Rng, options: GpOptions = {}) {
    const record = checkOptionKeys('gp', options, GP_OPTION_KEYS);
    this.rng = rng;
    this.kernel = choiceOption('gp', 'kernel', record['kernel'], 'rbf', ['rbf', 'matern52', 'hamming']);
    this.lengthScaleOption = numberOrWordOption('gp', 'lengthScale', record['lengthScale'], 'auto', 'auto', { min: 0, minExclusive: true });
    this.noiseRatioOption = numberOrWordOption('gp', 'noiseRatio', record['noiseRatio'], 'auto', 'auto', { min: 0 });
    this.maxHyperparameterRows = numberOption('gp', 'maxHyperparameterRows', record['maxHyperparameterRows'], 250, { min: 2, integer: true });
    this.targetTransform = choiceOption('gp', 'targetTransform', record['targetTransform'], 'standardize', TARGET_TRANSFORM_KINDS);
  }

  /** Fitted hyper-parameters; undefined before fit. */
  get hyperparameters(): GpHyperparameters | undefined {
    return this.model?.hyperparameters;
  }

  /** Log marginal likelihood of the standardised training targets under the fitted hyper-parameters. */
  get logMarginalLikelihood(): number | undefined {
    return this.model?.logMarginalLikelihood;
  }

  fit(features: readonly Float64Array[], targets: readonly number[]): void {
    const data = packTrainingData(features, targets);
    const columnScales = maxAbsScales(data.rows);
    const rows = scaleColumns(data.rows, columnScales);
    const transformed = fitTargetTransform(data.targets, this.targetTransform);
    const n = rows.rowCount;
    const distanceKind = distanceKindOf(this.kernel);
    const distances = selfDistances(rows, distanceKind);

    let lengthScale: number;
    let noiseRatio: number;
    if (this.lengthScaleOption === 'auto' || this.noiseRatioOption === 'auto') {
      let searchDistances = distances;
      let searchTargets = transformed.values;
      if (n > this.maxHyperparameterRows) {
        const subset = sampleWithoutReplacement(n, this.maxHyperparameterRows, this.rng).sort();
        searchDistances = selfDistances(selectRows(rows, subset), distanceKind);
        searchTargets = Float64Array.from(subset, (row) => transformed.values[row] as number);
      }
      ({ lengthScale, noiseRatio } = this.searchHyperparameters(searchDistances, searchTargets));
    } else {
      lengthScale = this.lengthScaleOption;
      noiseRatio = this.noiseRatioOption;
    }

    // Tiny noise ratios can fail on duplicate rows: raise them until the factorisation succeeds.
    let factorization = factorize(distances, transformed.values, this.kernel, lengthScale, noiseRatio);
    for (let attempt = 0; factorization === undefined && attempt < 8; attempt += 1) {
      noiseRatio = Math.max(noiseRatio * 10, 1e-10);
      factorization = factorize(distances, transformed.values, this.kernel, lengthScale, noiseRatio);
    }
    if (factorization === undefined) {
      throw new CarveError('INTERNAL', 'Gaussian process covariance is not positive definite even with added noise', {
        field: 'gp.noiseRatio',
        hint: 'give a larger gp.noiseRatio',
      });
    }
    this.model = {
      kernel: this.kernel,
      rows,
      columnScales,
      lower: factorization.lower,
      weights: factorization.weights,
      hyperparameters: { lengthScale, noiseRatio, signalVariance: factorization.signalVariance },
      logMarginalLikelihood: factorization.logLikelihood,
      targetTransform: transformed,
    };
  }

  predict(features: readonly Float64Array[]): Float64Array {
    const model = this.requireModel();
    const cross = this.crossCorrelation(model, features);
    const n = model.rows.rowCount;
    const result = new Float64Array(features.length);
    for (let row = 0; row < features.length; row += 1) {
      let sum = 0;
      for (let j = 0; j < n; j += 1) sum += (cross[row * n + j] as number) * (model.weights[j] as number);
      result[row] = model.targetTransform.toTarget(sum);
    }
    return result;
  }

  /** Posterior mean and std of the latent function (observation noise excluded), in target units. */
  predictWithUncertainty(features: readonly Float64Array[]): PredictionWithUncertainty {
    const model = this.requireModel();
    const cross = this.crossCorrelation(model, features);
    const n = model.rows.rowCount;
    const mean = new Float64Array(features.length);
    const std = new Float64Array(features.length);
    const work = new Float64Array(n);
    for (let row = 0; row < features.length; row += 1) {
      let sum = 0;
      for (let j = 0; j < n; j += 1) {
        const value = cross[row * n + j] as number;
        work[j] = value;
        sum += value * (model.weights[j] as number);
      }
      mean[row] = model.targetTransform.toTarget(sum);
      solveLowerInPlace(model.lower, n, work);
      let explained = 0;
      for (let j = 0; j < n; j += 1) explained += (work[j] as number) * (work[j] as number);
      const variance = model.hyperparameters.signalVariance * Math.max(0, 1 - explained);
      std[row] = model.targetTransform.spreadToTarget(sum, Math.sqrt(variance));
    }
    return { mean, std };
  }

  /** Kernel correlation of each row to predict (rows) with each training row (columns). */
  private crossCorrelation(model: GpModel, features: readonly Float64Array[]): Float64Array {
    const rows = scaleColumns(packPredictionRows(features, model.columnScales.length), model.columnScales);
    const cross = crossDistances(rows, model.rows, distanceKindOf(model.kernel));
    const correlation = correlationFunction(model.kernel, model.hyperparameters.lengthScale);
    for (let index = 0; index < cross.length; index += 1) cross[index] = correlation(cross[index] as number);
    return cross;
  }

  /** Grid over (length scale, noise ratio) relative to the data, then a compass search on their logarithms. */
  private searchHyperparameters(distances: Float64Array, targets: Float64Array): { lengthScale: number; noiseRatio: number } {
    const n = targets.length;
    const median = medianOffDiagonal(distances, n);
    const typical = median > 0 ? typicalLength(this.kernel, median) : 1;
    const fitLength = this.lengthScaleOption === 'auto';
    const fitNoise = this.noiseRatioOption === 'auto';
    const lengthBounds = fitLength ? [Math.log(typical / LENGTH_RANGE), Math.log(typical * LENGTH_RANGE)] : undefined;
    const noiseBounds = [Math.log(MIN_NOISE_RATIO), Math.log(MAX_NOISE_RATIO)];
    const score = (logLength: number, logNoise: number): number =>
      factorize(distances, targets, this.kernel, Math.exp(logLength), Math.exp(logNoise))?.logLikelihood ?? Number.NEGATIVE_INFINITY;

    const lengthStarts = fitLength ? LENGTH_GRID.map((factor) => Math.log(typical * factor)) : [Math.log(this.lengthScaleOption as number)];
    const noiseStarts = fitNoise ? NOISE_GRID.map(Math.log) : [Math.log(Math.max(this.noiseRatioOption as number, 1e-300))];
    let bestLength = lengthStarts[0] as number;
    let bestNoise = noiseStarts[0] as number;
    let best = Number.NEGATIVE_INFINITY;
    for (const logLength of lengthStarts) {
      for (const logNoise of noiseStarts) {
        const value = score(logLength, logNoise);
        if (value > best) {
          best = value;
          bestLength = logLength;
          bestNoise = logNoise;
        }
      }
    }

    let step = COMPASS_START_STEP;
    let evaluations = 0;
    while (step >= COMPASS_MIN_STEP && evaluations < COMPASS_MAX_EVALUATIONS) {
      const moves: [number, number][] = [];
      if (fitLength) moves.push([step, 0], [-step, 0]);
      if (fitNoise) moves.push([0, step], [0, -step]);
      let improved = false;
      for (const [lengthMove, noiseMove] of moves) {
        const logLength = bestLength + lengthMove;
        const logNoise = bestNoise + noiseMove;
        if (lengthBounds !== undefined && (logLength < (lengthBounds[0] as number) || logLength > (lengthBounds[1] as number))) continue;
        if (fitNoise && (logNoise < (noiseBounds[0] as number) || logNoise > (noiseBounds[1] as number))) continue;
        evaluations += 1;
        const value = score(logLength, logNoise);
        if (value > best) {
          best = value;
          bestLength = logLength;
          bestNoise = logNoise;
          improved = true;
          break;
        }
      }
      if (!improved) step /= 2;
    }
    return {
      lengthScale: fitLength ? Math.exp(bestLength) : (this.lengthScaleOption as number),
      noiseRatio: fitNoise ? Math.exp(bestNoise) : (this.noiseRatioOption as number),
    };
  }

  private requireModel(): GpModel {
    if (this.model === undefined) throw notFittedError(this.name);
    return this.model;
  }
}
