import { describe, expect, it } from 'vitest';
import { isCarveError } from '../core/errors.js';
import { getSupernet, listSupernets, registerSupernet } from './registry.js';

describe('supernet registry', () => {
  it('lists the built-in OFA families', () => {
    expect(listSupernets().map((entry) => entry.id)).toEqual(['ofa-mbv3-w1.0', 'ofa-mbv3-w1.2', 'ofa-proxyless-w1.3', 'ofa-resnet50']);
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
