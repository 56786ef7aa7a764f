// Real data: predictors trained on 100 NAS-Bench-201 cells (one-hot genomes) ranking 2,000 others.

import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.js';
import { createNb201Problem, loadNb201TableFromDataDir, resolveDataDir } from '../benchmarks/index.js';
import { createEncoder, encodeMany } from '../space/index.js';
import { sampleWithoutReplacement } from './common/random.js';
import { kendallTau } from './metrics/rank-correlation.js';
import { predictorFactory } from './registry.js';
import { defaultPredictorCandidates } from './registry.js';
import { selectPredictor } from './selection.js';

const TRAIN_ROWS = 100;
const TEST_ROWS = 2000;
const MODELS = ['ridge', 'svr', 'gbdt', 'gp', 'mlp'] as const;

describe('predictors on NAS-Bench-201 (cifar10 error, pixel3 latency)', () => {
  const problem = createNb201Problem(loadNb201TableFromDataDir(resolveDataDir()), 'cifar10', 'pixel3');
  const encoder = createEncoder(problem.space, 'one-hot');
  const rows = sampleWithoutReplacement(problem.table.rowCount, TRAIN_ROWS + TEST_ROWS, createRng(2024));
  const trainRows = Array.from(rows.subarray(0, TRAIN_ROWS));
  const testRows = Array.from(rows.subarray(TRAIN_ROWS));
  const trainFeatures = encodeMany(encoder, trainRows.map((row) => problem.table.opIndicesOfRow(row)));
  const testFeatures = encodeMany(encoder, testRows.map((row) => problem.table.opIndicesOfRow(row)));
  const objective = (index: 0 | 1, tableRows: number[]): number[] => tableRows.map((row) => problem.rawValuesOfRow(row)[index]);

  /** Held-out Kendall tau of each model, trained with the given target transform. */
  const heldOutTaus = (index: 0 | 1, targetTransform: 'standardize' | 'rank'): Record<string, number> => {
    const truth = objective(index, testRows);
    const taus: Record<string, number> = {};
    for (const name of MODELS) {
      const predictor = predictorFactory(name, { targetTransform })(createRng(7));
      predictor.fit(trainFeatures, objective(index, trainRows));
      taus[name] = kendallTau(predictor.predict(testFeatures), truth);
    }
    return taus;
  };

  it('ranks pixel3 latency well with every model (best tau > 0.7, none below 0.6)', () => {
    const taus = heldOutTaus(1, 'standardize');
    expect(Math.max(...Object.values(taus))).toBeGreaterThan(0.7);
    for (const tau of Object.values(taus)) expect(tau).toBeGreaterThan(0.6);
  });

  it('ranks cifar10 error moderately, and better with rank targets (best > 0.55)', () => {
    const standardized = heldOutTaus(0, 'standardize');
    const ranked = heldOutTaus(0, 'rank');
    for (const tau of Object.values(standardized)) expect(tau).toBeGreaterThan(0.2);
    expect(Math.max(...Object.values(ranked))).toBeGreaterThan(0.55);
    expect(Math.max(...Object.values(ranked))).toBeGreaterThan(Math.max(...Object.values(standardized)) + 0.05);
  });

  it('model selection by CV picks a model whose held-out tau is close to the best', () => {
    for (const index of [0, 1] as const) {
      const truth = objective(index, testRows);
      const candidates = defaultPredictorCandidates();
      const result = selectPredictor(candidates, trainFeatures, objective(index, trainRows), { rng: createRng(11) });
      const heldOut = candidates.map((candidate) => {
        const predictor = candidate.factory(createRng(7));
        predictor.fit(trainFeatures, objective(index, trainRows));
        return kendallTau(predictor.predict(testFeatures), truth);
      });
      const chosenTau = kendallTau(result.predictor.predict(testFeatures), truth);
      expect(chosenTau).toBeGreaterThan(Math.max(...heldOut) - 0.05);
    }
  });
});
