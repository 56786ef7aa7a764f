import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import { hypervolume } from '../../indicators/index.js';
import { hypervolumeImprovements } from './hypervolume-improvement.js';

describe('hypervolumeImprovements', () => {
  it('matches hand values in 2-D', () => {
    const front = [
      [0.2, 0.8],
      [0.6, 0.4],
    ];
    const gains = hypervolumeImprovements(front, [[0.4, 0.6], [0.7, 0.7], [0.1, 0.9], [1.2, 0.1], [0.2, 0.8]], [1, 1]);
    // HV(front) = 0.8*0.2 + 0.4*0.4 = 0.32; with (0.4,0.6): 0.8*0.2 + 0.6*0.2 + 0.4*0.2 = 0.36.
    expect(gains[0]).toBeCloseTo(0.04, 12);
    expect(gains[1]).toBe(0); // dominated
    expect(gains[2]).toBeCloseTo(0.1 * 0.1, 12);
    expect(gains[3]).toBe(0); // outside the reference
    expect(gains[4]).toBe(0); // already on the front
  });

  it('equals HV(front + p) - HV(front) on random sets in 2, 3 and 4 dimensions', () => {
    const rng = createRng(9);
    for (const dims of [2, 3, 4]) {
      for (let trial = 0; trial < 20; trial += 1) {
        const front = Array.from({ length: 8 }, () => Array.from({ length: dims }, () => rng.next()));
        const candidates = Array.from({ length: 10 }, () => Array.from({ length: dims }, () => rng.next() * 1.1));
        const reference = Array.from({ length: dims }, () => 1);
        const gains = hypervolumeImprovements(front, candidates, reference);
        const base = hypervolume(front, reference);
        candidates.forEach((candidate, i) => {
          expect(gains[i]).toBeCloseTo(hypervolume([...front, candidate], reference) - base, 10);
        });
      }
    }
  });
});
