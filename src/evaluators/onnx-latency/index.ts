// Public names of the ONNX Runtime latency evaluator.

export {
  ONNX_LATENCY_EVALUATOR_VERSION,
  OnnxLatencyEvaluator,
  type LatencyClock,
  type LatencyStatistic,
  type OnnxLatencyEvaluatorOptions,
} from './onnx-latency-evaluator.js';
export { summarizeTimings, quantileSorted, median, type TimingSummary } from './statistics.js';
export { cpuModel } from './device.js';
export { averageRanks, kendallTau, spearman } from '../../core/rank-correlation.js';
