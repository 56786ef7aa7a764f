// Quality indicators of point sets under minimisation: fronts, sorting, crowding, hypervolume, IGD/IGD+.

export type { PointSet } from './validate.js';
export { dominates, weaklyDominates } from './dominance.js';
export { paretoFront, paretoFrontIndices } from './pareto-front.js';
export { nonDominatedSort, nonDominatedSortConstrained } from './non-dominated-sort.js';
export { crowdingDistance } from './crowding-distance.js';
export { hypervolume } from './hypervolume.js';
export { hypervolumeContributions } from './hypervolume-contributions.js';
export { Hypervolume2dTracker, HypervolumeTracker, hypervolumeCurve } from './hypervolume-tracker.js';
export { igd, igdPlus } from './distance-indicators.js';
export { normalize, toMinimizationPoints } from './normalize.js';
export { bestSubsetHypervolumes2d, fewestPointsForHypervolume2d } from './best-subset-2d.js';
export { shortfallBySecondObjective } from './shortfall-2d.js';
