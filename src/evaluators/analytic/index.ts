// Public names of the analytic cost evaluator.

export { ANALYTIC_EVALUATOR_VERSION, AnalyticCostEvaluator, type AnalyticCostEvaluatorOptions } from './analytic-cost-evaluator.js';
