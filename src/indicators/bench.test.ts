import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.js';
import { runHypervolumeBenchmark, sphereFront } from './bench.js';
import { paretoFrontIndices } from './pareto-front.js';

describe('hypervolume benchmark (smoke run, no timing checks)', () => {
  it('generates mutually non-dominated points on the unit sphere', () => {
    const points = sphereFront(createRng(1), 500, 3);
    points.forEach((point) => expect(Math.hypot(...point)).toBeCloseTo(1, 12));
    expect(paretoFrontIndices(points)).toHaveLength(500);
  });

  it('reports every case, with hypervolumes near the dense-front limits 1 - pi/4 and 1 - pi/6', async () => {
    const seen: string[] = [];
    const results = await runHypervolumeBenchmark({ repeats: 1, scale: 0.01, onResult: (name) => seen.push(name) });
    expect(seen).toEqual(Object.keys(results));
    for (const name of ['hv2d_1M_ms', 'hv3d_100k_ms', 'pareto2d_1M_ms', 'nds2d_1M_two_fronts_ms', 'curve4d_500_ms']) {
      expect(results[name]).toBeGreaterThanOrEqual(0);
    }
    // 10,000 points in 2-D and 1,000 in 3-D: the staircase gap to the smooth front is small.
    expect(Math.abs((results.hv2d_1M_value as number) - (1 - Math.PI / 4))).toBeLessThan(2e-3);
    expect(Math.abs((results.hv3d_100k_value as number) - (1 - Math.PI / 6))).toBeLessThan(3e-2);
    expect(results.hv3d_100k_value as number).toBeLessThan(1 - Math.PI / 6);
  });
});
