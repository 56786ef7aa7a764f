// Predictors by name with options from config, and the default candidate list for model selection.

import type { Rng } from '../core/rng.js';
import { createRng } from '../core/rng.js';
import { badInput } from '../core/errors.js';
import { checkOptionKeys } from './common/options.js';
import { BaggedEnsemblePredictor, type BaggedEnsembleOptions } from './ensemble/bagged-ensemble.js';
import { GbdtPredictor, type GbdtOptions } from './gbdt/gbdt-predictor.js';
import { GaussianProcessPredictor, type GpOptions } from './gp/gp-predictor.js';
import { MlpPredictor, type MlpOptions } from './mlp/mlp-predictor.js';
import { RidgePredictor, type RidgeOptions } from './ridge/ridge-predictor.js';
import type { PredictorCandidate } from './selection.js';
import { SvrPredictor, type SvrOptions } from './svr/svr-predictor.js';
import { TrendPredictor, type TrendOptions } from './trend/trend-predictor.js';
import type { Predictor, PredictorFactory } from './types.js';

export type PredictorName = 'ridge' | 'svr' | 'ridge+svr' | 'proxy+svr' | 'gbdt' | 'mlp' | 'gp' | 'bagged';

export const PREDICTOR_NAMES: readonly PredictorName[] = ['ridge', 'svr', 'ridge+svr', 'proxy+svr', 'gbdt', 'mlp', 'gp', 'bagged'];

/** Options of 'bagged': the member model by name, its options, and the member count. */
export interface BaggedPredictorConfig extends BaggedEnsembleOptions {
  readonly base: Exclude<PredictorName, 'bagged'>;
  readonly baseOptions?: Readonly<Record<string, unknown>>;
}

/** `<model>-rank` names the model with rank targets, e.g. 'gp-rank' = 'gp' with targetTransform 'rank'. */
const RANK_SUFFIX = '-rank';

function unvalidatedFactory(name: string, options: Readonly<Record<string, unknown>> | undefined): PredictorFactory {
  if (name.endsWith(RANK_SUFFIX) && name !== `bagged${RANK_SUFFIX}`) {
    const base = name.slice(0, -RANK_SUFFIX.length);
    if ((PREDICTOR_NAMES as readonly string[]).includes(base)) {
      const given = options?.['targetTransform'];
      if (given !== undefined && given !== 'rank') {
        const message = `"${name}" means rank targets, but targetTransform is ${JSON.stringify(given)}`;
        throw badInput(`${base}.targetTransform`, message, `use "${base}" instead`);
      }
      return unvalidatedFactory(base, { ...options, targetTransform: 'rank' });
    }
  }
  switch (name) {
    case 'ridge':
      return () => new RidgePredictor(options as RidgeOptions | undefined);
    case 'svr':
      return (rng) => new SvrPredictor(rng, options as SvrOptions | undefined);
    case 'ridge+svr':
      return (rng) => new TrendPredictor(rng, options as TrendOptions | undefined);
    case 'proxy+svr':
      return (rng) => new TrendPredictor(rng, options as TrendOptions | undefined, 'proxy');
    case 'gbdt':
      return (rng) => new GbdtPredictor(rng, options as GbdtOptions | undefined);
    case 'mlp':
      return (rng) => new MlpPredictor(rng, options as MlpOptions | undefined);
    case 'gp':
      return (rng) => new GaussianProcessPredictor(rng, options as GpOptions | undefined);
    case 'bagged': {
      const record = checkOptionKeys('bagged', options, ['base', 'baseOptions', 'members']);
      const base = record['base'];
      if (typeof base !== 'string' || base === 'bagged' || !(PREDICTOR_NAMES as readonly string[]).includes(base)) {
        const bases = PREDICTOR_NAMES.filter((known) => known !== 'bagged');
        throw badInput('bagged.base', `${JSON.stringify(base)} is not a predictor to bag`, `use one of: ${bases.join(', ')}`);
      }
      const memberFactory = predictorFactory(base, record['baseOptions'] as Readonly<Record<string, unknown>> | undefined);
      const ensembleOptions: BaggedEnsembleOptions = record['members'] === undefined ? {} : { members: record['members'] as number };
      return (rng) => new BaggedEnsemblePredictor(memberFactory, rng, ensembleOptions);
    }
    default:
      throw badInput('predictor', `unknown predictor "${name}"`, `use one of: ${PREDICTOR_NAMES.join(', ')}`);
  }
}

/**
 * A factory for the named predictor (one of PREDICTOR_NAMES, or `<name>-rank` for rank targets, bagged excepted).
 * Name and options are checked now (BAD_INPUT naming `model.option`), so a
 * config mistake surfaces before any search starts.
 */
export function predictorFactory(name: string, options?: Readonly<Record<string, unknown>>): PredictorFactory {
  if (typeof name !== 'string') {
    throw badInput('predictor', `${JSON.stringify(name)} is not a predictor name`, `use one of: ${PREDICTOR_NAMES.join(', ')}`);
  }
  const factory = unvalidatedFactory(name, options);
  // Building one instance runs every option check; constructors do no work beyond that.
  factory(createRng(0));
  return factory;
}

/** One unfitted predictor by name; `rng` supplies all of its randomness. */
export function createPredictor(name: string, options: Readonly<Record<string, unknown>> | undefined, rng: Rng): Predictor {
  return unvalidatedFactory(name, options)(rng);
}

/** Registry names of the default candidates with their relative cost. */
const DEFAULT_CANDIDATES: readonly (readonly [string, number])[] = [
  ['ridge', 1],
  ['ridge-rank', 1],
  ['svr', 2],
  ['svr-rank', 2],
  ['gbdt', 3],
  ['gp', 4],
  ['gp-rank', 4],
  ['mlp', 5],
];

/** Names of defaultPredictorCandidates(), usable with predictorFactory. */
export function defaultPredictorNames(): string[] {
  return DEFAULT_CANDIDATES.map(([name]) => name);
}

/**
 * The candidates model selection tries by default, cheapest first: ridge, RBF SVR, boosted trees, an RBF Gaussian
 * process and a one-hidden-layer MLP. Ridge, SVR and the GP also come with rank targets ('-rank'), which rank
 * heavy-tailed objectives (accuracy with a few collapsed networks) far better and additive ones (latency) a little
 * worse; cross-validation decides per objective. Defaults are sized for 20-500 rows.
 */
export function defaultPredictorCandidates(): PredictorCandidate[] {
  return DEFAULT_CANDIDATES.map(([name, relativeCost]) => ({ name, factory: predictorFactory(name), relativeCost }));
}
