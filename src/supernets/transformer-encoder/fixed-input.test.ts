import { describe, expect, it } from 'vitest';
import { isCarveError } from '../../core/errors.js';
import { checkFixedInput } from './fixed-input.js';

describe('checkFixedInput', () => {
  it('accepts the fixed size or no option, and names the option otherwise', () => {
    expect(() => checkFixedInput('vit-b16', {}, 224, '224x224 images')).not.toThrow();
    expect(() => checkFixedInput('vit-b16', { resolution: 'fixed', fixedResolution: 224 }, 224, '224x224 images')).not.toThrow();
    for (const [options, field] of [
      [{ resolution: 'elastic' as const }, 'resolution'],
      [{ fixedResolution: 160 }, 'fixedResolution'],
    ] as const) {
      try {
        checkFixedInput('vit-b16', options, 224, '224x224 images');
        expect.unreachable();
      } catch (error) {
        expect(isCarveError(error) && error.code === 'BAD_INPUT' && error.field).toBe(field);
      }
    }
  });
});
