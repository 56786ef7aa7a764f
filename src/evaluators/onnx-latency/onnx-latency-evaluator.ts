// Measures sub-network latency on this machine with ONNX Runtime (CPU): warm-up, interleaved repeats, median.
//
// Method: every candidate of a batch gets its own session (cached, least recently used evicted) and its warm-up
// runs; then the timed runs go round-robin over the candidates, one run each per round, in a rotating order.
// Background load on a shared machine therefore hits all candidates of the batch alike, which keeps their ranking
// stable, and the median over rounds discards the bursts.

import { performance } from 'node:perf_hooks';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { badInput } from '../../core/errors.js';
import { createRng } from '../../core/rng.js';
import type { Supernet } from '../../supernets/types.js';
import type { Candidate, EvaluationResult, Evaluator } from '../types.js';
import { cpuModel, hostName, onnxRuntimeVersion } from './device.js';
import { LruCache } from './lru-cache.js';
import { summarizeTimings, type TimingSummary } from './statistics.js';

/** Bumped whenever the measurement method changes, so older stored latencies are not mixed with new ones. */
export const ONNX_LATENCY_EVALUATOR_VERSION = 1;

export type LatencyStatistic = 'median' | 'mean' | 'min';

export interface OnnxLatencyEvaluatorOptions {
  readonly supernet: Supernet;
  /** Default 1. */
  readonly batchSize?: number;
  /** Intra-op threads (inter-op is always 1, execution sequential). Default 1. */
  readonly threads?: number;
  /** Untimed runs per candidate before timing. Default 10. */
  readonly warmup?: number;
  /** Timed runs per candidate. Default 30. */
  readonly repeats?: number;
  /** Which summary of the timed runs is reported as the objective. Default 'median'. */
  readonly statistic?: LatencyStatistic;
  /** Sessions kept alive (also the largest batch measured interleaved). Default 8. */
  readonly sessionCacheSize?: number;
  /** Device label in the id; default the CPU model. */
  readonly deviceName?: string;
  /** Objective name, default `latency_ms`. */
  readonly objective?: string;
  /** Seed of the random weights and inputs. Default 0. */
  readonly seed?: number;
  /** Clock in milliseconds (injectable for tests). Default performance.now. */
  readonly now?: () => number;
}

type OrtModule = typeof import('onnxruntime-node');

interface PreparedSession {
  readonly session: InferenceSession;
  readonly feeds: Record<string, Tensor>;
  readonly createMs: number;
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

export class OnnxLatencyEvaluator implements Evaluator {
  readonly id: string;
  readonly provides: readonly string[];
  readonly maxBatch: number;
  readonly device: string;
  readonly batchSize: number;
  readonly threads: number;
  readonly warmup: number;
  readonly repeats: number;
  readonly statistic: LatencyStatistic;
  private readonly supernet: Supernet;
  private readonly objective: string;
  private readonly seed: number;
  private readonly now: () => number;
  private readonly sessions: LruCache<PreparedSession>;
  private ort: OrtModule | undefined;

  constructor(options: OnnxLatencyEvaluatorOptions) {
    if (options.supernet.buildOnnx === undefined) {
      throw badInput('supernet', `super-network "${options.supernet.id}" cannot build ONNX graphs`, 'use a family with an ONNX builder, e.g. ofa-mbv3-w1.0');
    }
    this.supernet = options.supernet;
    this.batchSize = checkCount(options.batchSize, 1, 'batchSize', 1, 4096);
    this.threads = checkCount(options.threads, 1, 'threads', 1, 256);
    this.warmup = checkCount(options.warmup, 10, 'warmup', 0, 10_000);
    this.repeats = checkCount(options.repeats, 30, 'repeats', 1, 100_000);
    this.statistic = options.statistic ?? 'median';
    if (!['median', 'mean', 'min'].includes(this.statistic)) {
      throw badInput('statistic', `unknown statistic "${String(this.statistic)}"`, 'use median, mean or min');
    }
    this.maxBatch = checkCount(options.sessionCacheSize, 8, 'sessionCacheSize', 1, 1024);
    this.objective = options.objective ?? 'latency_ms';
    this.seed = options.seed ?? 0;
    this.now = options.now ?? (() => performance.now());
    this.device = (options.deviceName ?? cpuModel()).trim();
    this.provides = Object.freeze([this.objective]);
    this.sessions = new LruCache<PreparedSession>(this.maxBatch, (prepared) => prepared.session.release());
    const statisticPart = this.statistic === 'median' ? '' : `:${this.statistic}`;
    this.id = `onnx-latency@${ONNX_LATENCY_EVALUATOR_VERSION}:ort${onnxRuntimeVersion()}:${this.supernet.space.name}:b${this.batchSize}:t${this.threads}${statisticPart}:${this.device}`;
  }

  async evaluate(candidates: readonly Candidate[]): Promise<EvaluationResult[]> {
    const results = new Array<EvaluationResult>(candidates.length);
    // Interleave within chunks that fit the session cache, so no session is rebuilt mid-measurement.
    for (let start = 0; start < candidates.length; start += this.maxBatch) {
      const chunk = candidates.slice(start, start + this.maxBatch);
      const chunkResults = await this.measureChunk(chunk);
      chunkResults.forEach((result, offset) => {
        results[start + offset] = result;
      });
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

  private async prepare(candidate: Candidate): Promise<PreparedSession> {
    const cached = this.sessions.get(candidate.key);
    if (cached !== undefined) return cached;
    const ort = await this.loadOrt();
    const started = this.now();
    const bytes = (this.supernet.buildOnnx as NonNullable<Supernet['buildOnnx']>)(candidate.genome, { batchSize: this.batchSize, seed: this.seed });
    const session = await ort.InferenceSession.create(bytes, {
      intraOpNumThreads: this.threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    });
    const prepared: PreparedSession = { session, feeds: this.makeFeeds(ort, session), createMs: this.now() - started };
    await this.sessions.set(candidate.key, prepared);
    return prepared;
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

  private async measureChunk(chunk: readonly Candidate[]): Promise<EvaluationResult[]> {
    const results = new Array<EvaluationResult | undefined>(chunk.length).fill(undefined);
    const prepared = new Array<PreparedSession | undefined>(chunk.length).fill(undefined);
    const samples = chunk.map(() => [] as number[]);
    for (let index = 0; index < chunk.length; index += 1) {
      const candidate = chunk[index] as Candidate;
      try {
        const session = await this.prepare(candidate);
        for (let run = 0; run < this.warmup; run += 1) await session.session.run(session.feeds);
        prepared[index] = session;
      } catch (error) {
        results[index] = { ok: false, reason: `${this.id}: ${candidate.key}: ${describeError(error)}`, retryable: false };
      }
    }
    for (let round = 0; round < this.repeats; round += 1) {
      for (let step = 0; step < chunk.length; step += 1) {
        const index = (step + round) % chunk.length; // rotate who goes first in each round
        const session = prepared[index];
        if (session === undefined || results[index] !== undefined) continue;
        try {
          const started = this.now();
          await session.session.run(session.feeds);
          (samples[index] as number[]).push(this.now() - started);
        } catch (error) {
          results[index] = { ok: false, reason: `${this.id}: ${(chunk[index] as Candidate).key}: ${describeError(error)}`, retryable: true };
        }
      }
    }
    return chunk.map((_, index) => results[index] ?? this.toResult(summarizeTimings(samples[index] as number[]), prepared[index] as PreparedSession));
  }

  private toResult(summary: TimingSummary, prepared: PreparedSession): EvaluationResult {
    const value = this.statistic === 'median' ? summary.medianMs : this.statistic === 'mean' ? summary.meanMs : summary.minMs;
    return {
      ok: true,
      values: { [this.objective]: value },
      meta: {
        medianMs: summary.medianMs,
        meanMs: summary.meanMs,
        minMs: summary.minMs,
        p90Ms: summary.p90Ms,
        cv: summary.cv,
        robustCv: summary.robustCv,
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
