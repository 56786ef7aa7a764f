import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.js';
import { BaggedEnsemblePredictor } from './ensemble/bagged-ensemble.js';
import { GbdtPredictor } from './gbdt/gbdt-predictor.js';
import { PREDICTOR_NAMES, createPredictor, defaultPredictorCandidates, defaultPredictorNames, predictorFactory } from './registry.js';

describe('predictor registry', () => {
  it('builds every named predictor', () => {
    for (const name of PREDICTOR_NAMES) {
      const options = name === 'bagged' ? { base: 'ridge' } : undefined;
      const predictor = createPredictor(name, options, createRng(1));
      expect(predictor.name).toBe(name === 'bagged' ? 'bagged-ridge' : name);
    }
    expect(createPredictor('gbdt', { trees: 10 }, createRng(1))).toBeInstanceOf(GbdtPredictor);
    expect(createPredictor('bagged', { base: 'gbdt', members: 3, baseOptions: { trees: 5 } }, createRng(1))).toBeInstanceOf(BaggedEnsemblePredictor);
  });

  it('rejects unknown names and options when the factory is made, naming the field', () => {
    expect(() => predictorFactory('xgboost')).toThrow(expect.objectContaining({ code: 'BAD_INPUT', field: 'predictor' }));
    expect(() => predictorFactory('gbdt', { depth: 3 })).toThrow(expect.objectContaining({ code: 'BAD_INPUT', field: 'gbdt.depth' }));
    expect(() => predictorFactory('gp', { kernel: 'cosine' })).toThrow(expect.objectContaining({ field: 'gp.kernel' }));
    expect(() => predictorFactory('mlp', { hiddenLayers: 'big' })).toThrow(expect.objectContaining({ field: 'mlp.hiddenLayers' }));
    expect(() => predictorFactory('ridge', { targetTransform: 'log' })).toThrow(expect.objectContaining({ field: 'ridge.targetTransform' }));
    expect(() => predictorFactory('svr', [] as never)).toThrow(expect.objectContaining({ field: 'svr' }));
    expect(() => predictorFactory('bagged', {})).toThrow(expect.objectContaining({ field: 'bagged.base' }));
    expect(() => predictorFactory('bagged', { base: 'bagged' })).toThrow(expect.objectContaining({ field: 'bagged.base' }));
    expect(() => predictorFactory('bagged', { base: 'gbdt', baseOptions: { trees: 0 } })).toThrow(expect.objectContaining({ field: 'gbdt.trees' }));
    expect(() => predictorFactory('bagged', { base: 'ridge', members: 1 })).toThrow(expect.objectContaining({ field: 'bagged.members' }));
  });

  it("reads '<model>-rank' as the model with rank targets", () => {
    const ranked = predictorFactory('gp-rank')(createRng(1));
    expect(ranked.name).toBe('gp');
    const features = [Float64Array.of(0), Float64Array.of(1), Float64Array.of(2), Float64Array.of(3)];
    // Rank targets: the extreme value weighs no more than any other step, so a linear model gets the middle right.
    const targets = [0, 1, 2, 1000];
    const plain = createPredictor('ridge', { alpha: 1e-6 }, createRng(1));
    const rank = createPredictor('ridge-rank', { alpha: 1e-6 }, createRng(1));
    plain.fit(features, targets);
    rank.fit(features, targets);
    expect(rank.predict([Float64Array.of(1.5)])[0]).toBeGreaterThan(1);
    expect(rank.predict([Float64Array.of(1.5)])[0]).toBeLessThan(2);
    expect(plain.predict([Float64Array.of(1.5)])[0]).toBeGreaterThan(100);
    expect(() => predictorFactory('ridge-rank', { targetTransform: 'standardize' })).toThrow(expect.objectContaining({ field: 'ridge.targetTransform' }));
    expect(() => predictorFactory('bagged-rank')).toThrow(expect.objectContaining({ field: 'predictor' }));
    expect(() => predictorFactory('forest-rank')).toThrow(expect.objectContaining({ field: 'predictor' }));
  });

  it('offers default candidates with distinct registry names, each building a working predictor', () => {
    const candidates = defaultPredictorCandidates();
    expect(new Set(candidates.map((candidate) => candidate.name)).size).toBe(candidates.length);
    expect(candidates.map((candidate) => candidate.name)).toEqual(defaultPredictorNames());
    for (const name of defaultPredictorNames()) expect(() => predictorFactory(name)).not.toThrow();
    for (const candidate of candidates) {
      const predictor = candidate.factory(createRng(1));
      predictor.fit([Float64Array.of(0, 1), Float64Array.of(1, 0), Float64Array.of(1, 1)], [1, 2, 3]);
      expect(predictor.predict([Float64Array.of(0, 0)]).length).toBe(1);
    }
  });
});
