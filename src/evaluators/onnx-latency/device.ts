// What the latency is measured on: the CPU model (part of evaluator ids) and the host name (kept as metadata).

import { cpus, hostname } from 'node:os';
import { createRequire } from 'node:module';

export function cpuModel(): string {
  const model = cpus()[0]?.model ?? 'unknown-cpu';
  return model.replace(/\s+/g, ' ').trim();
}

export function hostName(): string {
  return hostname();
}

/** onnxruntime-node's version, read without loading its native binding. */
export function onnxRuntimeVersion(): string {
  try {
    const require = createRequire(import.meta.url);
    const manifest = require('onnxruntime-node/package.json') as { version?: string };
    return manifest.version ?? 'unknown';
  } catch {
    // A missing manifest only affects the id text; measurement itself will report the real problem.
    return 'unknown';
  }
}
