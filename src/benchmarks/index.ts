// Public names of the benchmarks folder: real-data problems, their registry and the data loading under them.

export { findProjectRoot, resolveDataDir, resolveDataFile } from './data-dir.js';
export { columnIndex, numberColumn, parseCsv, readCsvFile, stringColumn } from './csv.js';
export type { CsvCell, CsvTable } from './csv.js';
export { normalizeObjectives } from './problem.js';
export type { Problem, ProblemReference } from './problem.js';
export { computeReference } from './reference.js';
export type { ReferenceTable } from './reference.js';
export { listProblems, resolveProblem } from './registry.js';
export type { ProblemPattern, ResolveProblemOptions } from './registry.js';
export { NB201_EDGE_NAMES, NB201_OPS, NB201_SPACE_SIZE } from './nb201/nb201-arch.js';
export type { Nb201Op } from './nb201/nb201-arch.js';
export { archStrToGenome, genomeToArchStr, nb201Codec, nb201Space } from './nb201/nb201-space.js';
export { NB201_TABLE_FILE, NB201_TABLE_ID, loadNb201Table, loadNb201TableFromDataDir } from './nb201/nb201-table.js';
export type { Nb201Table } from './nb201/nb201-table.js';
export { NB201_OBJECTIVES, createNb201Problem, nb201ProblemId } from './nb201/nb201-problem.js';
export type { Nb201Problem } from './nb201/nb201-problem.js';
export { createTableProblem } from './table-problem.js';
export type { MeasuredRow, TableProblem, TableProblemSpec } from './table-problem.js';
export * from './accel/index.js';
export * from './ofa-logs/index.js';
export * from './macro/index.js';
