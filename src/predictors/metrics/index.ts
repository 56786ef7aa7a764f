// Public names of the predictor metrics: rank correlations and errors.

export { averageRanks, kendallTau, pearson, spearman } from './rank-correlation.js';
export { rmse } from './regression-error.js';
