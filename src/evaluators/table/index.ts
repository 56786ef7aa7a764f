// Public names of the table evaluator.

export { TableEvaluator } from './table-evaluator.js';
export type { TableEvaluatorOptions, TableLookup } from './table-evaluator.js';
