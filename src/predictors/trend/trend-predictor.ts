// A linear trend with an RBF SVR on its residuals: near the training rows the SVR bends the fit to them; far from
// every training row its RBF terms vanish and the prediction falls back on the trend, not on the mean.

import type { Rng } from '../../core/rng.js';
import { notFittedError, packTrainingData } from '../common/dataset.js';
import { checkOptionKeys, choiceOption } from '../common/options.js';
import { TARGET_TRANSFORM_KINDS, type TargetTransform, type TargetTransformKind, fitTargetTransform } from '../common/target-transform.js';
import { RIDGE_OPTION_KEYS, RidgePredictor, type RidgeOptions } from '../ridge/index.js';
import { SVR_OPTION_KEYS, SvrPredictor, type SvrOptions } from '../svr/index.js';
import type { Predictor } from '../types.js';

export interface TrendOptions {
  /** Scale both parts learn on: 'standardize' (default) or 'rank' (standardised ranks, robust to extreme targets). */
  readonly targetTransform?: TargetTransformKind;
  /** Options of the ridge trend (its own targetTransform excepted). */
  readonly ridge?: Omit<RidgeOptions, 'targetTransform'>;
  /** Options of the RBF SVR on the trend's residuals (its own targetTransform and kernel excepted). */
  readonly svr?: Omit<SvrOptions, 'targetTransform' | 'kernel'>;
}

export const TREND_OPTION_KEYS: readonly string[] = ['targetTransform', 'ridge', 'svr'];

interface TrendModel {
  readonly trend: RidgePredictor;
  readonly residual: SvrPredictor;
  readonly targetTransform: TargetTransform;
}

/** The part options of a trend model, refusing a targetTransform (and for the SVR a kernel) of their own. */
function partOptions(part: 'ridge' | 'svr', value: unknown): Record<string, unknown> {
  // The trend model's targetTransform applies to both parts, and the residual part is an RBF SVR by definition.
  const keys = (part === 'ridge' ? RIDGE_OPTION_KEYS : SVR_OPTION_KEYS).filter((key) => key !== 'targetTransform' && key !== 'kernel');
  return checkOptionKeys(`ridge+svr.${part}`, value, keys);
}

export class TrendPredictor implements Predictor {
  readonly name = 'ridge+svr';
  private readonly rng: Rng;
  private readonly targetTransform: TargetTransformKind;
  private readonly ridgeOptions: RidgeOptions;
  private readonly svrOptions: SvrOptions;
  private model: TrendModel | undefined;

  constructor(rng: Rng, options: TrendOptions = {}) {
    const record = checkOptionKeys('ridge+svr', options, TREND_OPTION_KEYS);
    this.rng = rng;
    this.targetTransform = choiceOption('ridge+svr', 'targetTransform', record['targetTransform'], 'standardize', TARGET_TRANSFORM_KINDS);
    this.ridgeOptions = partOptions('ridge', record['ridge']);
    this.svrOptions = { ...partOptions('svr', record['svr']), kernel: 'rbf' };
    // Building the parts now checks their options before any fit.
    new RidgePredictor(this.ridgeOptions);
    new SvrPredictor(rng.fork(), this.svrOptions);
  }

  fit(features: readonly Float64Array[], targets: readonly number[]): void {
    const data = packTrainingData(features, targets);
    const transform = fitTargetTransform(data.targets, this.targetTransform);
    const scores = Array.from(transform.values);
    const trend = new RidgePredictor(this.ridgeOptions);
    trend.fit(features, scores);
    const fitted = trend.predict(features);
    const residual = new SvrPredictor(this.rng.fork(), this.svrOptions);
    residual.fit(
      features,
      scores.map((score, row) => score - (fitted[row] as number)),
    );
    this.model = { trend, residual, targetTransform: transform };
  }

  predict(features: readonly Float64Array[]): Float64Array {
    const model = this.model;
    if (model === undefined) throw notFittedError(this.name);
    const trend = model.trend.predict(features);
    const residual = model.residual.predict(features);
    return trend.map((value, row) => model.targetTransform.toTarget(value + (residual[row] as number)));
  }
}
