// Stationary kernels of the Gaussian process as correlation functions of a precomputed distance.

import type { DistanceKind } from '../common/distances.js';

export type GpKernel = 'rbf' | 'matern52' | 'hamming';

/** Which distance each kernel consumes: squared Euclidean for rbf / matern52, mean absolute difference for hamming. */
export function distanceKindOf(kernel: GpKernel): DistanceKind {
  return kernel === 'hamming' ? 'mean-absolute' : 'squared-euclidean';
}

/**
 * Correlation (1 at distance 0) from a distance of the kernel's kind and a length scale:
 * rbf exp(-r^2 / 2l^2); Matern 5/2 (1 + s + s^2/3) exp(-s) with s = sqrt(5) r / l; hamming exp(-h / l), a product of
 * one-dimensional Laplace kernels and therefore positive definite, suited to one-hot genomes where h is the share of
 * differing columns.
 */
export function correlationFunction(kernel: GpKernel, lengthScale: number): (distance: number) => number {
  switch (kernel) {
    case 'rbf': {
      const factor = -1 / (2 * lengthScale * lengthScale);
      return (squared) => Math.exp(factor * squared);
    }
    case 'matern52': {
      const factor = Math.sqrt(5) / lengthScale;
      return (squared) => {
        const scaled = factor * Math.sqrt(squared);
        return (1 + scaled + (scaled * scaled) / 3) * Math.exp(-scaled);
      };
    }
    case 'hamming': {
      const factor = -1 / lengthScale;
      return (share) => Math.exp(factor * share);
    }
  }
}

/** The typical length of a distance value of the kernel's kind (so that length-scale grids are relative to the data). */
export function typicalLength(kernel: GpKernel, medianDistance: number): number {
  return kernel === 'hamming' ? medianDistance : Math.sqrt(medianDistance);
}
