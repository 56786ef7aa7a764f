// Measures sub-network latency on this machine with ONNX Runtime (CPU): warm-up, interleaved repeats, robust summary.
//
// Method. Candidates are measured together: each gets its own session (cached; least recently used evicted)
// and its warm-up runs, then the timed runs go round-robin over all of them, one run each per round, in a
// rotating order. Background load on a shared machine therefore hits every candidate of a batch alike, which keeps
// their ranking stable. Batches larger than the interleave limit or the session memory budget are split.
//
// Clock. With one thread the default is the CPU time this process spends in the run: a single-threaded
// inference is pure computation, so on an idle device its latency equals that CPU time, while the wall clock on a
// shared machine also counts the time other processes hold the core. With several threads CPU time would add the
// threads up, so the wall clock is used. Both clocks are recorded in the metadata.
//
// Multi-graph plans. A family whose inference is more than one graph run (a translation: the encoder once,
// then the decoder once per output token) describes it as a latency plan; one timed run is then the whole plan,
// each step fed from constants made once or from outputs of earlier steps of the same run (copies between
// sessions included, as in any ONNX Runtime pipeline without I/O binding). Warm-up, repeats, interleaving and
// statistics are the same as for single graphs.
//
// Statistic. The default reported value is the 10th percentile of 60 timed runs. Work from other processes
// only ever adds time (evicted caches, shared memory bandwidth), so the low end of the distribution is the
// undisturbed latency; on this project's shared 2-core machine it repeats across passes several times better
// than the median (docs/supernets.md has the figures). Median, mean and minimum are available.

import { performance } from 'node:perf_hooks';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { badInput } from '../../core/errors.js';
import { createRng } from '../../core/rng.js';
import type { LatencyFeed, LatencyPlan, LatencyPlanOptions, Supernet } from '../../supernets/types.js';
import type { Candidate, EvaluationResult, Evaluator } from '../types.js';
import { cpuModel, hostName, onnxRuntimeVersion } from './device.js';
import { LruCache } from './lru-cache.js';
import { summarizeTimings, type TimingSummary } from './statistics.js';

/** Bumped whenever the measurement method changes, so older stored latencies are not mixed with new ones. */
export const ONNX_LATENCY_EVALUATOR_VERSION = 1;

export type LatencyStatistic = 'p10' | 'median' | 'mean' | 'min';
export type LatencyClock = 'cpu' | 'wall';

const STATISTICS: readonly LatencyStatistic[] = ['p10', 'median', 'mean', 'min'];

export interface OnnxLatencyEvaluatorOptions {
  readonly supernet: Supernet;
  /** Default 1. */
  readonly batchSize?: number;
  /** Intra-op threads (inter-op is always 1, execution sequential). Default 1. */
  readonly threads?: number;
  /** Untimed runs per candidate before timing. Default 10. */
  readonly warmup?: number;
  /** Timed runs per candidate. Default 60 (enough for a stable 10th percentile on a shared machine). */
  readonly repeats?: number;
  /** Which summary of the timed runs is the objective value. Default 'p10'. */
  readonly statistic?: LatencyStatistic;
  /** 'cpu' (process CPU time; default with one thread) or 'wall' (default with more threads). */
  readonly clock?: LatencyClock;
  /** Most candidates measured interleaved at once. Default 64. */
  readonly interleaveLimit?: number;
  /** Budget of cached sessions, in bytes of their ONNX models. Default 2 GiB. */
  readonly sessionCacheBytes?: number;
  /** Device label in the id; default the CPU model. */
  readonly deviceName?: string;
  /** Objective name, default `latency_ms`. */
  readonly objective?: string;
  /**
   * Shape of one timed run for families with a latency plan (sequence generation): output length, source
   * length, beam. Absent fields take the family's defaults; ignored by single-graph families.
   */
  readonly plan?: Omit<LatencyPlanOptions, 'batchSize' | 'seed'>;
  /** Seed of the random weights and inputs. Default 0. */
  readonly seed?: number;
  /** Wall clock in milliseconds (injectable for tests). Default performance.now. */
  readonly now?: () => number;
  /** Process CPU time in milliseconds (injectable for tests). Default process.cpuUsage, user + system. */
  readonly cpuNow?: () => number;
}

type OrtModule = typeof import('onnxruntime-node');

interface PreparedSession {
  /** One timed unit: a single graph run, or every step of a latency plan. */
  run(): Promise<void>;
  release(): Promise<void>;
  readonly modelBytes: number;
  readonly createMs: number;
}

/** A plan step with its feeds resolved: constant tensors, or [step, output] references into the same run. */
interface ResolvedStep {
  readonly session: InferenceSession;
  readonly constants: Record<string, Tensor>;
  readonly references: readonly (readonly [input: string, step: number, output: string])[];
}

function processCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function checkCount(value: number | undefined, fallback: number, field: string, min: number, max: number): number {
  const resolved = value ?? fallback;
  if (!Number.isInteger(resolved) || resolved < min || resolved > max) {
    throw badInput(field, `${resolved} is out of range`, `give an integer from ${min} to ${max}`);
  }
  return resolved;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function statisticOf(summary: TimingSummary, statistic: LatencyStatistic): number {
  switch (statistic) {
    case 'p10':
      return summary.p10Ms;
    case 'median':
      return summary.medianMs;
    case 'mean':
      return summary.meanMs;
    case 'min':
      return summary.minMs;
  }
}

export class OnnxLatencyEvaluator implements Evaluator {
  readonly id: string;
  readonly provides: readonly string[];
  readonly device: string;
  readonly batchSize: number;
  readonly threads: number;
  readonly warmup: number;
  readonly repeats: number;
  readonly statistic: LatencyStatistic;
  readonly clock: LatencyClock;
  readonly interleaveLimit: number;
  private readonly supernet: Supernet;
  private readonly objective: string;
  private readonly seed: number;
  private readonly planOptions: Omit<LatencyPlanOptions, 'batchSize' | 'seed'>;
  private readonly now: () => number;
  private readonly cpuNow: () => number;
  private readonly sessions: LruCache<PreparedSession>;
  private ort: OrtModule | undefined;

  constructor(options: OnnxLatencyEvaluatorOptions) {
    if (options.supernet.buildOnnx === undefined && options.supernet.latencyPlan === undefined) {
      throw badInput('supernet', `super-network "${options.supernet.id}" cannot build ONNX graphs`, 'use a family with an ONNX builder, e.g. ofa-mbv3-w1.0');
    }
    this.supernet = options.supernet;
    this.batchSize = checkCount(options.batchSize, 1, 'batchSize', 1, 4096);
    this.threads = checkCount(options.threads, 1, 'threads', 1, 256);
    this.warmup = checkCount(options.warmup, 10, 'warmup', 0, 10_000);
    this.repeats = checkCount(options.repeats, 60, 'repeats', 1, 100_000);
    this.interleaveLimit = checkCount(options.interleaveLimit, 64, 'interleaveLimit', 1, 4096);
    this.statistic = options.statistic ?? 'p10';
    if (!STATISTICS.includes(this.statistic)) {
      throw badInput('statistic', `unknown statistic "${String(this.statistic)}"`, `use one of ${STATISTICS.join(', ')}`);
    }
    this.clock = options.clock ?? (this.threads === 1 ? 'cpu' : 'wall');
    if (this.clock !== 'cpu' && this.clock !== 'wall') throw badInput('clock', `unknown clock "${String(this.clock)}"`, 'use cpu or wall');
    if (this.clock === 'cpu' && this.threads > 1) {
      throw badInput('clock', 'CPU time adds up all threads, so it is not a latency with several threads', 'use clock "wall" with threads > 1');
    }
    const cacheBytes = options.sessionCacheBytes ?? 2 ** 31;
    if (!(cacheBytes > 0)) throw badInput('sessionCacheBytes', `${cacheBytes} is not a positive byte budget`, 'give a number of bytes, e.g. 2147483648');
    this.objective = options.objective ?? 'latency_ms';
    this.seed = options.seed ?? 0;
    this.now = options.now ?? (() => performance.now());
    this.cpuNow = options.cpuNow ?? processCpuMs;
    this.device = (options.deviceName ?? cpuModel()).trim();
    this.provides = Object.freeze([this.objective]);
    this.sessions = new LruCache<PreparedSession>({
      capacity: this.interleaveLimit,
      maxWeight: cacheBytes,
      dispose: (prepared) => prepared.release(),
    });
    this.planOptions = options.plan ?? {};
    // A plan's shape (e.g. src30-out30-beam5) is part of what is measured; single-graph ids are unchanged.
    const planPart = this.supernet.latencyPlan === undefined ? '' : `:${this.planLabel()}`;
    this.id = `onnx-latency@${ONNX_LATENCY_EVALUATOR_VERSION}:ort${onnxRuntimeVersion()}:${this.supernet.space.name}${planPart}:b${this.batchSize}:t${this.threads}:${this.clock}:${this.statistic}:${this.device}`;
  }

  async evaluate(candidates: readonly Candidate[]): Promise<EvaluationResult[]> {
    const results = new Array<EvaluationResult>(candidates.length);
    let next = 0;
    try {
      while (next < candidates.length) {
        // Gather a group that fits the interleave limit and the memory budget, then time it together.
        const group: { index: number; prepared: PreparedSession }[] = [];
        let groupBytes = 0;
        while (next < candidates.length && group.length < this.interleaveLimit && (group.length === 0 || groupBytes < this.sessions.maxWeight)) {
          const index = next;
          next += 1;
          const candidate = candidates[index] as Candidate;
          try {
            const prepared = await this.prepare(candidate);
            group.push({ index, prepared });
            groupBytes += prepared.modelBytes;
          } catch (error) {
            results[index] = { ok: false, reason: `${this.id}: ${candidate.key}: ${describeError(error)}`, retryable: false };
          }
        }
        const measured = await this.measureGroup(group.map((member) => member.prepared));
        group.forEach((member, position) => {
          const outcome = measured[position] as EvaluationResult;
          results[member.index] = outcome.ok ? outcome : { ...outcome, reason: `${this.id}: ${(candidates[member.index] as Candidate).key}: ${outcome.reason}` };
        });
        this.sessions.unpinAll();
      }
    } finally {
      this.sessions.unpinAll();
    }
    return results;
  }

  async close(): Promise<void> {
    await this.sessions.clear();
  }

  private async loadOrt(): Promise<OrtModule> {
    this.ort ??= await import('onnxruntime-node');
    return this.ort;
  }

  private planLabel(): string {
    const options = { batchSize: this.batchSize, seed: this.seed, ...this.planOptions };
    return this.supernet.latencyPlanLabel?.(options) ?? 'plan';
  }

  private async prepare(candidate: Candidate): Promise<PreparedSession> {
    this.sessions.pin(candidate.key);
    const cached = this.sessions.get(candidate.key);
    if (cached !== undefined) return cached;
    const ort = await this.loadOrt();
    const started = this.now();
    if (this.supernet.latencyPlan !== undefined) {
      const plan = this.supernet.latencyPlan(candidate.genome, { batchSize: this.batchSize, seed: this.seed, ...this.planOptions });
      const prepared = await this.preparePlan(ort, plan, started);
      await this.sessions.set(candidate.key, prepared, prepared.modelBytes);
      return prepared;
    }
    const bytes = (this.supernet.buildOnnx as NonNullable<Supernet['buildOnnx']>)(candidate.genome, { batchSize: this.batchSize, seed: this.seed });
    const session = await this.createSession(ort, bytes);
    const feeds = this.makeFeeds(ort, session);
    const prepared: PreparedSession = {
      run: async () => {
        await session.run(feeds);
      },
      release: () => session.release(),
      modelBytes: bytes.byteLength,
      createMs: this.now() - started,
    };
    await this.sessions.set(candidate.key, prepared, bytes.byteLength);
    return prepared;
  }

  private createSession(ort: OrtModule, bytes: Uint8Array): Promise<InferenceSession> {
    return ort.InferenceSession.create(bytes, {
      intraOpNumThreads: this.threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    });
  }

  /** One session per graph, constant feeds made once, output references checked before anything is timed. */
  private async preparePlan(ort: OrtModule, plan: LatencyPlan, started: number): Promise<PreparedSession> {
    const sessions = new Map<string, InferenceSession>();
    const release = async (): Promise<void> => {
      for (const session of sessions.values()) await session.release();
    };
    try {
      let modelBytes = 0;
      for (const [name, bytes] of Object.entries(plan.graphs)) {
        sessions.set(name, await this.createSession(ort, bytes));
        modelBytes += bytes.byteLength;
      }
      const rng = createRng(this.seed + 1);
      const steps: ResolvedStep[] = plan.steps.map((step, index) => {
        const session = sessions.get(step.graph);
        if (session === undefined) throw new Error(`plan step ${index} names graph "${step.graph}", which the plan does not have`);
        const constants: Record<string, Tensor> = {};
        const references: [string, number, string][] = [];
        for (const [input, feed] of Object.entries(step.feeds) as [string, LatencyFeed][]) {
          if (feed.kind === 'output') {
            if (!(feed.step >= 0 && feed.step < index)) throw new Error(`plan step ${index} input "${input}" reads step ${feed.step}, which does not run before it`);
            references.push([input, feed.step, feed.output]);
          } else if (feed.kind === 'int64') {
            constants[input] = new ort.Tensor('int64', BigInt64Array.from(feed.values, (value) => BigInt(value)), [...feed.dims]);
          } else {
            const data = new Float32Array(feed.dims.reduce((product, dim) => product * dim, 1));
            for (let element = 0; element < data.length; element += 1) data[element] = rng.next() * 2 - 1;
            constants[input] = new ort.Tensor('float32', data, [...feed.dims]);
          }
        }
        return { session, constants, references };
      });
      const run = async (): Promise<void> => {
        const outputs: InferenceSession.OnnxValueMapType[] = [];
        for (const step of steps) {
          const feeds: Record<string, Tensor> = { ...step.constants };
          for (const [input, from, output] of step.references) {
            const value = outputs[from]?.[output];
            if (value === undefined) throw new Error(`plan output "${output}" of step ${from} is missing`);
            feeds[input] = value;
          }
          outputs.push(await step.session.run(feeds));
        }
      };
      return { run, release, modelBytes, createMs: this.now() - started };
    } catch (error) {
      await release();
      throw error;
    }
  }

  private makeFeeds(ort: OrtModule, session: InferenceSession): Record<string, Tensor> {
    const rng = createRng(this.seed + 1);
    const feeds: Record<string, Tensor> = {};
    for (const metadata of session.inputMetadata) {
      if (!metadata.isTensor) throw new Error(`input "${metadata.name}" is not a tensor`);
      const shape = metadata.shape.map((dim) => (typeof dim === 'number' && dim > 0 ? dim : this.batchSize));
      const count = shape.reduce((product, dim) => product * dim, 1);
      if (metadata.type === 'int64') {
        // Token ids: zeros are valid indices of any embedding table.
        feeds[metadata.name] = new ort.Tensor('int64', new BigInt64Array(count), shape);
      } else {
        const data = new Float32Array(count);
        for (let index = 0; index < count; index += 1) data[index] = rng.next() * 2 - 1;
        feeds[metadata.name] = new ort.Tensor('float32', data, shape);
      }
    }
    return feeds;
  }

  private async measureGroup(group: readonly PreparedSession[]): Promise<EvaluationResult[]> {
    const failures = new Array<EvaluationResult | undefined>(group.length).fill(undefined);
    const wallSamples = group.map(() => [] as number[]);
    const cpuSamples = group.map(() => [] as number[]);
    for (let index = 0; index < group.length; index += 1) {
      const prepared = group[index] as PreparedSession;
      try {
        for (let run = 0; run < this.warmup; run += 1) await prepared.run();
      } catch (error) {
        failures[index] = { ok: false, reason: describeError(error), retryable: true };
      }
    }
    for (let round = 0; round < this.repeats; round += 1) {
      for (let step = 0; step < group.length; step += 1) {
        const index = (step + round) % group.length; // rotate who goes first in each round
        if (failures[index] !== undefined) continue;
        const prepared = group[index] as PreparedSession;
        try {
          const cpuStarted = this.cpuNow();
          const started = this.now();
          await prepared.run();
          const ended = this.now();
          (cpuSamples[index] as number[]).push(this.cpuNow() - cpuStarted);
          (wallSamples[index] as number[]).push(ended - started);
        } catch (error) {
          failures[index] = { ok: false, reason: describeError(error), retryable: true };
        }
      }
    }
    return group.map(
      (prepared, index) =>
        failures[index] ?? this.toResult(summarizeTimings(wallSamples[index] as number[]), summarizeTimings(cpuSamples[index] as number[]), prepared),
    );
  }

  private toResult(wall: TimingSummary, cpu: TimingSummary, prepared: PreparedSession): EvaluationResult {
    const summary = this.clock === 'cpu' ? cpu : wall;
    return {
      ok: true,
      values: { [this.objective]: statisticOf(summary, this.statistic) },
      meta: {
        statistic: this.statistic,
        clock: this.clock,
        p10Ms: summary.p10Ms,
        medianMs: summary.medianMs,
        meanMs: summary.meanMs,
        minMs: summary.minMs,
        p90Ms: summary.p90Ms,
        cv: summary.cv,
        robustCv: summary.robustCv,
        wallMedianMs: wall.medianMs,
        wallP10Ms: wall.p10Ms,
        cpuMedianMs: cpu.medianMs,
        cpuP10Ms: cpu.p10Ms,
        repeats: summary.count,
        warmup: this.warmup,
        batchSize: this.batchSize,
        threads: this.threads,
        device: this.device,
        host: hostName(),
        sessionCreateMs: prepared.createMs,
      },
    };
  }
}
