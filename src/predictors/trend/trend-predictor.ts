// A linear trend with an RBF SVR on its residuals: near the training rows the SVR bends the fit to them; far from
// every training row its RBF terms vanish and the prediction falls back on the trend, not on the mean. The trend is
// a ridge on every column ('ridge+svr') or least squares on one column ('proxy+svr'), e.g. a zero-cost proxy the
// space computes for every architecture, so that cells unlike any validated one are ranked by the proxy.

import type { Rng } from '../../core/rng.js';
import { badInput } from '../../core/errors.js';
import { notFittedError, packTrainingData } from '../common/dataset.js';
import { checkOptionKeys, choiceOption, numberOption } from '../common/options.js';
import { TARGET_TRANSFORM_KINDS, type TargetTransform, type TargetTransformKind, fitTargetTransform } from '../common/target-transform.js';
import { RIDGE_OPTION_KEYS, RidgePredictor, type RidgeOptions } from '../ridge/index.js';
import { SVR_OPTION_KEYS, SvrPredictor, type SvrOptions } from '../svr/index.js';
import type { Predictor } from '../types.js';

export interface TrendOptions {
  /** Scale both parts learn on: 'standardize' (default) or 'rank' (standardised ranks, robust to extreme targets). */
  readonly targetTransform?: TargetTransformKind;
  /** Options of the ridge trend (its own targetTransform excepted); 'ridge+svr' only. */
  readonly ridge?: Omit<RidgeOptions, 'targetTransform'>;
  /** The column the trend is fitted on, negative from the end (default -1, the last); 'proxy+svr' only. */
  readonly column?: number;
  /** Options of the RBF SVR on the trend's residuals (its own targetTransform and kernel excepted). */
  readonly svr?: Omit<SvrOptions, 'targetTransform' | 'kernel'>;
}

export type TrendKind = 'ridge' | 'proxy';

export const TREND_OPTION_KEYS: readonly string[] = ['targetTransform', 'ridge', 'svr'];
export const PROXY_TREND_OPTION_KEYS: readonly string[] = ['targetTransform', 'column', 'svr'];

/** The linear part of a trend model. */
interface LinearPart {
  fit(features: readonly Float64Array[], targets: readonly number[]): void;
  predict(features: readonly Float64Array[]): Float64Array;
}

/** Least squares with an intercept on one column (slope 0 when the column is constant over the training rows). */
class ColumnTrend implements LinearPart {
  private slope = 0;
  private intercept = 0;
  private index = 0;

  constructor(
    private readonly owner: string,
    private readonly column: number,
  ) {}

  fit(features: readonly Float64Array[], targets: readonly number[]): void {
    const width = features[0]?.length ?? 0;
    const index = this.column < 0 ? width + this.column : this.column;
    if (index < 0 || index >= width) {
      throw badInput(`${this.owner}.column`, `column ${this.column} is outside rows of ${width} features`, `give an index in -${width}..${width - 1} (-1 = the last)`);
    }
    const xs = features.map((row) => row[index] as number);
    const meanX = xs.reduce((sum, x) => sum + x, 0) / xs.length;
    const meanY = targets.reduce((sum, y) => sum + y, 0) / targets.length;
    let covariance = 0;
    let variance = 0;
    xs.forEach((x, row) => {
      covariance += (x - meanX) * ((targets[row] as number) - meanY);
      variance += (x - meanX) ** 2;
    });
    this.index = index;
    this.slope = variance > 1e-12 * xs.length ? covariance / variance : 0;
    this.intercept = meanY - this.slope * meanX;
  }

  predict(features: readonly Float64Array[]): Float64Array {
    return Float64Array.from(features, (row) => this.intercept + this.slope * (row[this.index] as number));
  }
}

interface TrendModel {
  readonly trend: LinearPart;
  /** None when the trend's column is the only one. */
  readonly residual: SvrPredictor | null;
  readonly targetTransform: TargetTransform;
}

/** The part options of a trend model, refusing a targetTransform (and for the SVR a kernel) of their own. */
function partOptions(owner: string, part: 'ridge' | 'svr', value: unknown): Record<string, unknown> {
  // The trend model's targetTransform applies to both parts, and the residual part is an RBF SVR by definition.
  const keys = (part === 'ridge' ? RIDGE_OPTION_KEYS : SVR_OPTION_KEYS).filter((key) => key !== 'targetTransform' && key !== 'kernel');
  return checkOptionKeys(`${owner}.${part}`, value, keys);
}

export class TrendPredictor implements Predictor {
  readonly name: string;
  private readonly rng: Rng;
  private readonly kind: TrendKind;
  private readonly targetTransform: TargetTransformKind;
  private readonly ridgeOptions: RidgeOptions;
  private readonly column: number;
  private readonly svrOptions: SvrOptions;
  private model: TrendModel | undefined;

  constructor(rng: Rng, options: TrendOptions = {}, kind: TrendKind = 'ridge') {
    this.name = `${kind}+svr`;
    this.kind = kind;
    const record = checkOptionKeys(this.name, options, kind === 'ridge' ? TREND_OPTION_KEYS : PROXY_TREND_OPTION_KEYS);
    this.rng = rng;
    this.targetTransform = choiceOption(this.name, 'targetTransform', record['targetTransform'], 'standardize', TARGET_TRANSFORM_KINDS);
    this.ridgeOptions = kind === 'ridge' ? partOptions(this.name, 'ridge', record['ridge']) : {};
    this.column = numberOption(this.name, 'column', record['column'], -1, { integer: true });
    this.svrOptions = { ...partOptions(this.name, 'svr', record['svr']), kernel: 'rbf' };
    // Building the parts now checks their options before any fit.
    new RidgePredictor(this.ridgeOptions);
    new SvrPredictor(rng.fork(), this.svrOptions);
  }

  fit(features: readonly Float64Array[], targets: readonly number[]): void {
    const data = packTrainingData(features, targets);
    const transform = fitTargetTransform(data.targets, this.targetTransform);
    const scores = Array.from(transform.values);
    const trend: LinearPart = this.kind === 'ridge' ? new RidgePredictor(this.ridgeOptions) : new ColumnTrend(this.name, this.column);
    trend.fit(features, scores);
    const fitted = trend.predict(features);
    const rest = this.residualRows(features);
    const residual = (rest[0]?.length ?? 0) > 0 ? new SvrPredictor(this.rng.fork(), this.svrOptions) : null;
    residual?.fit(
      rest,
      scores.map((score, row) => score - (fitted[row] as number)),
    );
    this.model = { trend, residual, targetTransform: transform };
  }

  /**
   * The rows the SVR sees: every column for 'ridge+svr'; for 'proxy+svr' every column but the trend's, which the
   * trend has used up (and whose real values would cost the SVR its fast path for 0/1 features).
   */
  private residualRows(features: readonly Float64Array[]): readonly Float64Array[] {
    if (this.kind === 'ridge') return features;
    const width = features[0]?.length ?? 0;
    const index = this.column < 0 ? width + this.column : this.column;
    return features.map((row) => {
      if (index === row.length - 1) return row.subarray(0, index);
      const rest = new Float64Array(row.length - 1);
      rest.set(row.subarray(0, index), 0);
      rest.set(row.subarray(index + 1), index);
      return rest;
    });
  }

  predict(features: readonly Float64Array[]): Float64Array {
    const model = this.model;
    if (model === undefined) throw notFittedError(this.name);
    const trend = model.trend.predict(features);
    const residual = model.residual?.predict(this.residualRows(features));
    return trend.map((value, row) => model.targetTransform.toTarget(value + (residual === undefined ? 0 : (residual[row] as number))));
  }
}
