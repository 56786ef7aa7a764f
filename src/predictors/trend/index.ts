// Public names of the trend predictor (a ridge trend with an RBF SVR on its residuals).

export { TREND_OPTION_KEYS, TrendPredictor } from './trend-predictor.js';
export type { TrendOptions } from './trend-predictor.js';
