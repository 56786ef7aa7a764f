// Public names of the trend predictors (a ridge, or one column, as the trend; an RBF SVR on its residuals).

export { PROXY_TREND_OPTION_KEYS, TREND_OPTION_KEYS, TrendPredictor } from './trend-predictor.js';
export type { TrendKind, TrendOptions } from './trend-predictor.js';
