import { describe, expect, it } from 'vitest';
import { isCarveError } from '../../core/errors.js';
import { getSupernet, resolveNativeConfig } from '../registry.js';
import { HAT_RPI_6_9S, HAT_SMALLEST } from './fixtures.js';
import { createHatWmt14EnDe } from './supernet.js';

describe('hat-wmt14-en-de descriptor', () => {
  const supernet = createHatWmt14EnDe();

  it('is registered and resolves HAT config dicts', () => {
    const { supernet: resolved, genome } = resolveNativeConfig('hat-wmt14-en-de', HAT_RPI_6_9S);
    expect(resolved).toBe(getSupernet('hat-wmt14-en-de'));
    expect(resolved.codec.toNative(genome)).toEqual(HAT_RPI_6_9S);
    expect(resolved.inputUnit).toBe('tokens');
  });

  it('reports costs of the default 30 + 30 token pass, other lengths on request, and the model size', () => {
    const genome = supernet.codec.fromNative(HAT_SMALLEST);
    expect(supernet.costs(genome, 'conv-linear')).toEqual({ macs: 975_175_680, params: 32_548_352 });
    expect(supernet.costsAt(genome, 'conv-linear', { sourceLength: 30, targetLength: 30 })).toEqual(supernet.costs(genome, 'conv-linear'));
    expect(supernet.costsAt(genome, 'torchprofile', { sourceLength: 60, targetLength: 30 }).macs).toBeGreaterThan(supernet.costs(genome, 'torchprofile').macs);
    expect(supernet.costBreakdown(genome).macs.matmulMacs).toBe(7_372_800);
    expect(supernet.modelSize(supernet.codec.fromNative(HAT_RPI_6_9S))).toBe(48_331_264);
    expect(() => supernet.costsAt(genome, 'conv-linear', { sourceLength: 0, targetLength: 30 })).toThrow(/sentence length/);
  });

  it('has no image resolution to make elastic, naming the option', () => {
    const fieldOf = (make: () => unknown): string | undefined => {
      try {
        make();
      } catch (error) {
        if (isCarveError(error)) return error.field;
        throw error;
      }
      return undefined;
    };
    expect(fieldOf(() => createHatWmt14EnDe({ resolution: 'elastic' }))).toBe('resolution');
    expect(fieldOf(() => createHatWmt14EnDe({ fixedResolution: 224 }))).toBe('fixedResolution');
    expect(fieldOf(() => supernet.latencyPlan(supernet.codec.fromNative(HAT_SMALLEST), { batchSize: 1, outputLength: 0 }))).toBe('outputLength');
    expect(supernet.latencyPlanLabel({ batchSize: 1, beam: 4 })).toBe('src30-out30-beam4');
  });
});
