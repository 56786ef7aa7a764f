// Public names of the bench harness.
export { runBench, machineDescription, type BenchOptions, type BenchResult } from './bench.js';
export { benchObjectives, COST_AWARE_SUFFIX, parseBenchTactic, runBenchmark, type RunRequest } from './run-one.js';
export { scoreRows, levelName } from './score.js';
export { medianReached, spreadOf, summarizeProblem, summarizeTactic, type ScoredRun } from './summarize.js';
export { formatSpread, problemMarkdown, summaryMarkdown } from './format.js';
export { traceCsv, traceFileName, writeSummary, writeTraces } from './write.js';
export * from './types.js';
