import { describe, expect, it } from 'vitest';

import { createRng } from '../../core/rng.js';
import { kendallTau, selectPredictor, predictorFactory } from '../../predictors/index.js';
import { randomOneHot } from '../../predictors/testing/synthetic-data.js';
import { fitObjectiveModel } from './models.js';

/** An additive part (ridge's strength) plus a sharp interaction (the RBF SVR's), with noise. */
function data(seed: number, rows: number): { features: Float64Array[]; targets: number[] } {
  const rng = createRng(seed);
  const features = randomOneHot(rng, rows, 6, 4);
  const weights = Array.from({ length: 24 }, () => rng.next());
  const targets = features.map(
    (row) => row.reduce((sum, value, column) => sum + value * (weights[column] as number), 0) + 0.6 * (row[0] as number) * (row[5] as number) + 0.5 * rng.next(),
  );
  return { features, targets };
}

describe('fitObjectiveModel', () => {
  it('selects one model by CV tau and hands back its out-of-fold predictions', () => {
    const { features, targets } = data(1, 120);
    const model = fitObjectiveModel(features, targets, { candidates: ['ridge', 'svr'], folds: 5, ensembleMembers: 0 }, createRng(2));
    expect(['ridge', 'svr']).toContain(model.name);
    expect(model.outOfFold).toHaveLength(120);
    expect(kendallTau(model.outOfFold as Float64Array, Float64Array.from(targets))).toBeCloseTo(model.cvKendallTau as number, 12);
  });

  it("combine 'stack' blends the candidates by their out-of-fold predictions and predicts the blend", () => {
    const { features, targets } = data(3, 150);
    const rng = () => createRng(4);
    const selected = fitObjectiveModel(features, targets, { candidates: ['ridge', 'svr'], folds: 5, ensembleMembers: 0 }, rng());
    const stacked = fitObjectiveModel(features, targets, { candidates: ['ridge', 'svr'], folds: 5, ensembleMembers: 0, combine: 'stack' }, rng());
    expect(stacked.name).toMatch(/^stack\(ridge 0\.\d\d, svr \d\.\d\d\)$/);
    // The blend's out-of-fold squared error is at most the selected model's (it could put all weight on it).
    expect(stacked.cvRmse as number).toBeLessThanOrEqual((selected.cvRmse as number) + 1e-12);
    // Its prediction is intercept + weighted sum of the members refitted on all rows.
    const weights = [...stacked.name.matchAll(/(ridge|svr) (\d\.\d\d)/g)].map((match) => Number(match[2]));
    const probes = randomOneHot(createRng(9), 20, 6, 4);
    const members = ['ridge', 'svr'].map((name) => {
      const predictor = predictorFactory(name)(createRng(0));
      predictor.fit(features, targets);
      return predictor.predict(probes);
    });
    const blended = stacked.predict(probes).mean;
    // Rebuilt from the two-decimal weights, up to an intercept: the differences between probes agree closely.
    const rebuilt = probes.map((_, row) => (weights[0] as number) * (members[0]?.[row] as number) + (weights[1] as number) * (members[1]?.[row] as number));
    const shift = (blended[0] as number) - (rebuilt[0] as number);
    rebuilt.forEach((value, row) => expect(Math.abs(value + shift - (blended[row] as number))).toBeLessThan(0.05));
    // Same selection input, same candidates: selectPredictor would have chosen among the very same OOF columns.
    const selection = selectPredictor(
      ['ridge', 'svr'].map((name) => ({ name, factory: predictorFactory(name) })),
      features,
      targets,
      { folds: 5, rng: createRng(4).fork() },
    );
    expect(selection.perCandidate.every((score) => score.outOfFold?.length === 150)).toBe(true);
  });

  it("combine 'stack' with one candidate is plain selection", () => {
    const { features, targets } = data(5, 60);
    const model = fitObjectiveModel(features, targets, { candidates: ['ridge'], folds: 5, ensembleMembers: 0, combine: 'stack' }, createRng(1));
    expect(model.name).toBe('ridge');
  });
});
