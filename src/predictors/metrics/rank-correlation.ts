// The predictors' rank metrics are the shared ones in core.

export { averageRanks, kendallTau, pearson, spearman } from '../../core/rank-correlation.js';
