// The bench: every tactic on every problem for seeds 0..n-1 (or from a given first seed), in parallel across cores, scored and written.

import { existsSync } from 'node:fs';
import { cpus, hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { resolveProblem } from '../registry.js';
import { runBenchmark, type RunRequest } from './run-one.js';
import { scoreRows } from './score.js';
import { summarizeProblem, type ScoredRun } from './summarize.js';
import type { BenchSummary, RunTrace } from './types.js';
import { writeSummary, writeTraces } from './write.js';

export interface BenchOptions {
  readonly problems: readonly string[];
  readonly tactics: readonly string[];
  readonly seeds: number;
  /** First seed (default 0): seeds firstSeed .. firstSeed + seeds - 1, e.g. to check a choice on seeds it was not made on. */
  readonly firstSeed?: number;
  readonly budget: number;
  readonly populationSize: number;
  /** Options given to every tactic (a tactic refuses names it does not have). */
  readonly tacticOptions?: Readonly<Record<string, unknown>>;
  /** Parallel runs (default: number of cores); 1 runs everything in this thread. */
  readonly parallelism?: number;
  readonly outDir?: string;
  readonly jsonFile?: string;
  readonly command?: string;
  readonly dataDir?: string;
  /** Stop each run after the batch that reaches this share of HV_true (see RunRequest.stopAt). */
  readonly stopAt?: number;
  readonly onRunDone?: (done: number, total: number, trace: RunTrace) => void;
}

export interface BenchResult {
  readonly summary: BenchSummary;
  readonly traces: readonly RunTrace[];
  readonly files: readonly string[];
}

export function machineDescription(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${hostname()}, ${cpus().length} x ${cpu.trim()}, Node ${process.version}`;
}

export async function runBench(options: BenchOptions): Promise<BenchResult> {
  // Resolve every problem first: bad ids fail before any work starts.
  const problems = options.problems.map((id) => resolveProblem(id, options.dataDir === undefined ? {} : { dataDir: options.dataDir }));
  for (const problem of problems) {
    if (problem.reference === undefined) throw new Error(`${problem.id} has no known true front; it cannot be benchmarked`);
  }
  const requests: RunRequest[] = [];
  for (const problem of problems) {
    for (const tactic of options.tactics) {
      const firstSeed = options.firstSeed ?? 0;
      for (let seed = firstSeed; seed < firstSeed + options.seeds; seed += 1) {
        requests.push({
          problem: problem.id,
          tactic,
          seed,
          budget: options.budget,
          populationSize: options.populationSize,
          ...(options.tacticOptions === undefined ? {} : { tacticOptions: options.tacticOptions }),
          ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
          ...(options.stopAt === undefined ? {} : { stopAt: options.stopAt }),
        });
      }
    }
  }
  const traces = await runAll(requests, options);
  const problemSummaries = problems.map((problem) => {
    const reference = problem.reference;
    if (reference === undefined) throw new Error('unreachable');
    const byTactic = new Map<string, ScoredRun[]>();
    for (const tactic of options.tactics) byTactic.set(tactic, []);
    for (const trace of traces) {
      if (trace.problem !== problem.id) continue;
      byTactic.get(trace.tactic)?.push({ trace, score: scoreRows(problem, trace.rows) });
    }
    return summarizeProblem(
      { id: problem.id, frontSize: reference.trueFront.length, frontPointCount: reference.trueFrontPointCount, hvTrue: reference.hvTrue },
      byTactic,
      options.budget,
      options.stopAt,
    );
  });
  const summary: BenchSummary = {
    command: options.command ?? '',
    date: new Date().toISOString().slice(0, 10),
    machine: machineDescription(),
    budget: options.budget,
    seeds: options.seeds,
    ...(options.firstSeed === undefined || options.firstSeed === 0 ? {} : { firstSeed: options.firstSeed }),
    ...(options.stopAt === undefined ? {} : { stopAt: options.stopAt }),
    problems: problemSummaries,
  };
  const files: string[] = [];
  if (options.outDir !== undefined) {
    files.push(...(await writeTraces(options.outDir, traces)));
    files.push(...(await writeSummary(options.outDir, summary, options.jsonFile)));
  }
  return { summary, traces, files };
}

async function runAll(requests: readonly RunRequest[], options: BenchOptions): Promise<RunTrace[]> {
  const parallelism = Math.max(1, Math.min(options.parallelism ?? cpus().length, requests.length));
  const workerFile = fileURLToPath(new URL('./worker.js', import.meta.url));
  const results: RunTrace[] = new Array<RunTrace>(requests.length);
  let done = 0;
  const finish = (index: number, trace: RunTrace): void => {
    results[index] = trace;
    done += 1;
    options.onRunDone?.(done, requests.length, trace);
  };
  if (parallelism === 1 || !existsSync(workerFile)) {
    for (const [index, request] of requests.entries()) finish(index, await runBenchmark(request));
    return results;
  }
  let next = 0;
  const lanes = Array.from({ length: parallelism }, async () => {
    const worker = new Worker(workerFile);
    try {
      while (next < requests.length) {
        const index = next;
        next += 1;
        const trace = await new Promise<RunTrace>((resolvePromise, reject) => {
          const onMessage = (message: { id: number; trace?: RunTrace; error?: string }): void => {
            worker.off('error', reject);
            if (message.error !== undefined) reject(new Error(`${requests[index]?.problem} ${requests[index]?.tactic} seed ${requests[index]?.seed}: ${message.error}`));
            else resolvePromise(message.trace as RunTrace);
          };
          worker.once('message', onMessage);
          worker.once('error', reject);
          worker.postMessage({ id: index, request: requests[index] });
        });
        finish(index, trace);
      }
    } finally {
      await worker.terminate();
    }
  });
  await Promise.all(lanes);
  return results;
}
