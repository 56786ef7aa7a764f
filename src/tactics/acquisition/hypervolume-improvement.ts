// Hypervolume improvement of candidate points over a front (minimisation): the gain each would bring alone.

import { hypervolume } from '../../indicators/index.js';

/**
 * HVI(p) = HV(front ∪ {p}) - HV(front) against `reference`, for every candidate. Exact. In 2-D each candidate
 * costs O(|front|) (the front is sorted once); in more dimensions one hypervolume of the clipped front.
 */
export function hypervolumeImprovements(
  front: readonly (readonly number[])[],
  candidates: readonly (readonly number[])[],
  reference: readonly number[],
): Float64Array {
  const gains = new Float64Array(candidates.length);
  const dims = reference.length;
  const inside = front.filter((point) => point.every((value, i) => value < (reference[i] as number)));
  if (dims === 2) {
    const sorted = [...inside].sort((a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number));
    const xs = Float64Array.from(sorted, (point) => point[0] as number);
    const ys = Float64Array.from(sorted, (point) => point[1] as number);
    const [rx, ry] = reference as [number, number];
    candidates.forEach((candidate, index) => {
      const px = candidate[0] as number;
      const py = candidate[1] as number;
      if (px >= rx || py >= ry) return;
      // Area of p's box [px, rx] x [py, ry] already covered by the front: a staircase of the clipped points.
      let covered = 0;
      let bestY = ry;
      for (let i = 0; i < xs.length; i += 1) {
        const x = Math.max(xs[i] as number, px);
        const y = Math.max(ys[i] as number, py);
        if (y < bestY) {
          // Points are sorted by x, so this step covers [x, rx] x [y, bestY].
          covered += (rx - x) * (bestY - y);
          bestY = y;
        }
      }
      gains[index] = Math.max(0, (rx - px) * (ry - py) - covered);
    });
    return gains;
  }
  candidates.forEach((candidate, index) => {
    if (candidate.some((value, i) => value >= (reference[i] as number))) return;
    if (inside.some((point) => point.every((value, i) => value <= (candidate[i] as number)))) return;
    const box = reference.reduce((product, value, i) => product * (value - (candidate[i] as number)), 1);
    const clipped = inside.map((point) => point.map((value, i) => Math.max(value, candidate[i] as number)));
    gains[index] = Math.max(0, box - (clipped.length === 0 ? 0 : hypervolume(clipped, reference)));
  });
  return gains;
}
