// Seeded random point sets for the indicator tests: uniform, on the sphere (all non-dominated), and on an integer grid (ties).

import type { Rng } from '../../core/rng.js';

export function uniformPoints(rng: Rng, count: number, dimension: number): number[][] {
  return Array.from({ length: count }, () => Array.from({ length: dimension }, () => rng.next()));
}

/** Points on the positive part of the unit sphere: mutually non-dominated. */
export function spherePoints(rng: Rng, count: number, dimension: number): number[][] {
  return Array.from({ length: count }, () => {
    const raw = Array.from({ length: dimension }, () => Math.abs(gaussian(rng)) + 1e-12);
    const norm = Math.hypot(...raw);
    return raw.map((value) => value / norm);
  });
}

/** Integers in [0, levels): many equal coordinates and duplicate points. */
export function gridPoints(rng: Rng, count: number, dimension: number, levels: number): number[][] {
  return Array.from({ length: count }, () => Array.from({ length: dimension }, () => rng.int(levels)));
}

function gaussian(rng: Rng): number {
  const radius = Math.sqrt(-2 * Math.log(1 - rng.next()));
  return radius * Math.cos(2 * Math.PI * rng.next());
}
