// Public names of the external evaluators: a user process over JSON lines, or an HTTP server, and the Python helper.

export { ProcessEvaluator, type DeferredProcessEvaluatorOptions, type ProcessEvaluatorOptions, type ProcessEvaluatorStats } from './process-evaluator.js';
export { HttpEvaluator, type DeferredHttpEvaluatorOptions, type HttpEvaluatorOptions, type HttpEvaluatorStats } from './http-evaluator.js';
export type { DeferredIdentity, ExternalEvaluatorOptions } from './external-options.js';
export type { ExternalLog, ExternalLogEntry } from './evaluator-child.js';
export {
  PROTOCOL_VERSION,
  SUPPORTED_PROTOCOLS,
  externalEvaluatorId,
  parseHandshake,
  type DeclaredObjective,
  type EvaluateRequest,
  type EvaluatorHandshake,
  type ExpectedObjective,
} from './protocol.js';
export { PYTHON_HELPER_FILE, PYTHON_HELPER_VERSION, pythonHelperPath, readPythonHelper } from './python-helper.js';
