import { describe, expect, it } from 'vitest';
import { isCarveError } from '../core/errors.js';
import { getSupernet, listSupernets, registerSupernet, resolveNativeConfig } from './registry.js';

describe('supernet registry', () => {
  it('lists the built-in families: the shipped fashion-ofa, the OFA ones and the elastic Transformers', () => {
    expect(listSupernets().map((entry) => entry.id)).toEqual(['fashion-ofa', 'ofa-mbv3-w1.0', 'ofa-mbv3-w1.2', 'ofa-proxyless-w1.3', 'ofa-resnet50', 'bert-base', 'vit-b16', 'hat-wmt14-en-de']);
  });

  it('resolves native configs of the Transformer families; ViT takes its fixed image_size', () => {
    const config = { num_hidden_layers: 10, num_attention_heads: new Array(10).fill(8), intermediate_size: new Array(10).fill(2048) };
    expect(resolveNativeConfig('bert-base', config).supernet.id).toBe('bert-base');
    expect(resolveNativeConfig('vit-b16', { ...config, image_size: 224 }).supernet.defaultResolution).toBe(224);
    try {
      resolveNativeConfig('vit-b16', { ...config, image_size: 384 });
      expect.unreachable();
    } catch (error) {
      expect(isCarveError(error) && error.field).toBe('config.image_size');
      expect(isCarveError(error) && error.message).toContain('224x224');
    }
  });

  it('builds each descriptor once per option set', () => {
    expect(getSupernet('ofa-mbv3-w1.0')).toBe(getSupernet('ofa-mbv3-w1.0', {}));
    const elastic = getSupernet('ofa-mbv3-w1.0', { resolution: 'elastic' });
    expect(elastic).not.toBe(getSupernet('ofa-mbv3-w1.0'));
    expect(elastic.resolutions).toHaveLength(25);
    expect(getSupernet('ofa-mbv3-w1.2', { resolution: 'elastic' }).resolutions[0]).toBe(160);
    // Space names (part of stored measurement ids) tell the resolution setups apart.
    expect(getSupernet('ofa-resnet50').space.name).toBe('ofa-resnet50');
    expect(getSupernet('ofa-resnet50', { resolution: 'elastic' }).space.name).toBe('ofa-resnet50+r');
    expect(getSupernet('ofa-proxyless-w1.3', { fixedResolution: 160 }).space.name).toBe('ofa-proxyless-w1.3@160');
  });

  it('names the known ids for an unknown one and refuses duplicate registrations', () => {
    try {
      getSupernet('ofa-mbv3');
      expect.unreachable();
    } catch (error) {
      expect(isCarveError(error) && error.code).toBe('NOT_FOUND');
      expect(isCarveError(error) && error.hint).toContain('ofa-mbv3-w1.0');
    }
    expect(() => registerSupernet({ ...listSupernets()[0]!, create: () => getSupernet('ofa-mbv3-w1.0') })).toThrow(/already registered/);
  });
});

describe('resolveNativeConfig', () => {
  const config = { ks: new Array(20).fill(3), e: new Array(20).fill(3), d: [2, 2, 2, 2, 2] };

  it("uses the config's own resolution, inside or outside the trained range", () => {
    const at224 = resolveNativeConfig('ofa-mbv3-w1.0', config);
    expect(at224.supernet.defaultResolution).toBe(224);
    const at236 = resolveNativeConfig('ofa-mbv3-w1.0', { ...config, r: [236] });
    expect(at236.supernet.defaultResolution).toBe(236);
    expect(at236.supernet.costs(at236.genome, 'conv-linear').macs).toBeGreaterThan(at224.supernet.costs(at224.genome, 'conv-linear').macs);
  });

  it('names config.r when the resolution is not a pixel count', () => {
    try {
      resolveNativeConfig('ofa-mbv3-w1.0', { ...config, r: 'big' });
      expect.unreachable();
    } catch (error) {
      expect(isCarveError(error) && error.field).toBe('config.r');
    }
  });
});
