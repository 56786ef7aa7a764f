import { describe, expect, it } from 'vitest';
import { rmse } from './regression-error.js';

describe('rmse', () => {
  it('is the root mean squared difference', () => {
    expect(rmse([1, 2, 3], [1, 2, 5])).toBeCloseTo(Math.sqrt(4 / 3), 15);
    expect(rmse([], [])).toBeNaN();
  });
});
