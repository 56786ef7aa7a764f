// Public names of the Accel-NASBench problems.

export { ACCEL_BLOCK_COUNT, ACCEL_BLOCK_GENES, accelCodec, accelGeneName, accelSpace } from './accel-space.js';
export { ACCEL_TABLE_FILE, ACCEL_TABLE_ID, loadAccelTable, loadAccelTableFromDataDir } from './accel-table.js';
export type { AccelTable } from './accel-table.js';
export { ACCEL_ACCURACY_COLUMNS, accelMetricColumns, createAccelProblem } from './accel-problem.js';
export type { AccelProblem } from './accel-problem.js';
