// Public names of the column-view predictor.

export { ColumnViewPredictor, columnView } from './column-view.js';
export type { ColumnRange } from './column-view.js';
