import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.js';
import { Staircase } from './staircase.js';
import { bruteParetoIndices, gridHypervolume } from './testing/brute-force.js';

describe('Staircase', () => {
  it('keeps the area and the non-dominated points by hand', () => {
    const staircase = new Staircase(4, 4);
    expect(staircase.insert(2, 2)).toBe(4);
    expect(staircase.insert(1, 3)).toBe(1);
    expect(staircase.insert(3, 1)).toBe(1);
    expect(staircase.area).toBe(6);
    expect(staircase.insert(2, 3)).toBe(0); // dominated
    expect(staircase.insert(3, 1)).toBe(0); // duplicate
    expect(staircase.insert(5, 0)).toBe(0); // outside the reference
    // (1, 1) dominates all three: adds the L-shaped rest of its 3 x 3 box.
    expect(staircase.insert(1, 1)).toBe(3);
    expect(staircase.points()).toEqual([[1, 1]]);
    expect(staircase.size).toBe(1);
  });

  it('replaces a point with the same first coordinate and a worse second one', () => {
    const staircase = new Staircase(10, 10);
    staircase.insert(2, 5);
    expect(staircase.insert(2, 3)).toBe(16);
    expect(staircase.points()).toEqual([[2, 3]]);
    expect(staircase.isWeaklyDominated(2, 3)).toBe(true);
    expect(staircase.isWeaklyDominated(1.5, 9)).toBe(false);
    expect(staircase.isWeaklyDominated(9, 2.9)).toBe(false);
  });

  it('matches brute force after every insertion of random grid points, growing past its capacity', () => {
    const rng = createRng(5);
    const staircase = new Staircase(30, 30, 1);
    const inserted: number[][] = [];
    for (let step = 0; step < 400; step += 1) {
      const point = [rng.int(32), rng.int(32)];
      staircase.insert(point[0] as number, point[1] as number);
      inserted.push(point);
      if (step % 40 === 39) {
        expect(staircase.area).toBe(gridHypervolume(inserted, [30, 30]));
        const inside = inserted.filter((p) => (p[0] as number) < 30 && (p[1] as number) < 30);
        const front = bruteParetoIndices(inside).map((i) => inside[i] as number[]);
        const distinct = [...new Map(front.map((p) => [p.join(), p])).values()].sort((a, b) => a[0]! - b[0]!);
        expect(staircase.points()).toEqual(distinct);
      }
    }
  });
});
