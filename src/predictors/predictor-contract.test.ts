// Every predictor of the registry, with both target transforms, against the shared Predictor contract.

import { runPredictorContract } from './testing/predictor-contract.js';
import { predictorFactory } from './registry.js';

const cases: { label: string; name: string; options?: Record<string, unknown>; hasUncertainty: boolean }[] = [
  { label: 'ridge', name: 'ridge', hasUncertainty: true },
  { label: 'ridge, rank targets', name: 'ridge', options: { targetTransform: 'rank' }, hasUncertainty: true },
  { label: 'svr', name: 'svr', hasUncertainty: false },
  { label: 'svr, rank targets', name: 'svr', options: { targetTransform: 'rank' }, hasUncertainty: false },
  { label: 'ridge+svr', name: 'ridge+svr', hasUncertainty: false },
  { label: 'ridge+svr, rank targets', name: 'ridge+svr', options: { targetTransform: 'rank' }, hasUncertainty: false },
  { label: 'proxy+svr', name: 'proxy+svr', hasUncertainty: false },
  { label: 'proxy+svr, rank targets, first column', name: 'proxy+svr', options: { targetTransform: 'rank', column: 0 }, hasUncertainty: false },
  { label: 'gbdt', name: 'gbdt', options: { trees: 60 }, hasUncertainty: false },
  { label: 'mlp', name: 'mlp', options: { maxEpochs: 60 }, hasUncertainty: false },
  { label: 'gp', name: 'gp', hasUncertainty: true },
  { label: 'gp, hamming kernel, rank targets', name: 'gp', options: { kernel: 'hamming', targetTransform: 'rank' }, hasUncertainty: true },
  { label: 'bagged ridge', name: 'bagged', options: { base: 'ridge', members: 5 }, hasUncertainty: true },
  { label: 'bagged gbdt', name: 'bagged', options: { base: 'gbdt', members: 3, baseOptions: { trees: 40 } }, hasUncertainty: true },
];

for (const { label, name, options, hasUncertainty } of cases) {
  runPredictorContract({ label, factory: predictorFactory(name, options), hasUncertainty });
}
