import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.js';
import { BaggedEnsemblePredictor } from './ensemble/bagged-ensemble.js';
import { GbdtPredictor } from './gbdt/gbdt-predictor.js';
import { PREDICTOR_NAMES, createPredictor, defaultPredictorCandidates, predictorFactory } from './registry.js';

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

  it('offers default candidates with distinct names, each building a working predictor', () => {
    const candidates = defaultPredictorCandidates();
    expect(new Set(candidates.map((candidate) => candidate.name)).size).toBe(candidates.length);
    for (const candidate of candidates) {
      const predictor = candidate.factory(createRng(1));
      predictor.fit([Float64Array.of(0, 1), Float64Array.of(1, 0), Float64Array.of(1, 1)], [1, 2, 3]);
      expect(predictor.predict([Float64Array.of(0, 0)]).length).toBe(1);
    }
  });
});
