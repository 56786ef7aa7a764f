// An evaluator backed by a long-lived user process speaking the carve evaluator protocol over stdin/stdout.

import { CarveError, badInput } from '../../core/errors.js';
import type { Candidate, EvaluationResult, Evaluator } from '../types.js';
import { CandidateBatch, type CandidateJob, missingResultReason } from './candidate-batch.js';
import { type ChildSettings, EvaluatorChild, type ExternalLog, sleep } from './evaluator-child.js';
import {
  DEFAULT_CANDIDATE_TIMEOUT_MS,
  DEFAULT_HANDSHAKE_TIMEOUT_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  DEFAULT_VERSION,
  type DeferredIdentity,
  type ExternalEvaluatorOptions,
  checkCommonOptions,
  checkDeferredIdentity,
  checkFirstHandshake,
  countOption,
  declaredNames,
  durationOption,
  expectedNames,
  identityFromHandshake,
} from './external-options.js';
import {
  type DeclaredObjective,
  type EvaluatorHandshake,
  PROTOCOL_VERSION,
  checkSameHandshake,
  encodeRequest,
  externalEvaluatorId,
  interpretResult,
  nameFromCommand,
} from './protocol.js';

export interface ProcessEvaluatorOptions extends ExternalEvaluatorOptions {
  /** The program and its arguments (never a shell string), e.g. ["python3", "my_eval.py", "--gpu", "0"]. */
  readonly command: readonly string[];
  readonly cwd?: string;
  /** Added to carve's own environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Time between SIGTERM and SIGKILL, and for a polite exit on close (default 5000). */
  readonly killGraceMs?: number;
  /** Times a candidate is sent again after its request was interrupted by a crash or timeout (default 2). */
  readonly maxRetries?: number;
  /** Consecutive failed starts (no handshake) before the evaluator gives up for good (default 3). */
  readonly maxStartAttempts?: number;
  /** Pause before starting again after a failed start (default 1000). */
  readonly restartDelayMs?: number;
  /** Longest stdout line accepted, in bytes (default 64 MiB). */
  readonly maxLineBytes?: number;
}

export type DeferredProcessEvaluatorOptions = ProcessEvaluatorOptions & DeferredIdentity;

export interface ProcessEvaluatorStats {
  /** Processes spawned (the first one included). */
  readonly starts: number;
  readonly requests: number;
  /** Requests cut short by a crash or a timeout. */
  readonly interruptions: number;
}

interface Settings {
  readonly handshakeTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly candidateTimeoutMs: number;
  readonly killGraceMs: number;
  readonly maxRetries: number;
  readonly maxStartAttempts: number;
  readonly restartDelayMs: number;
  readonly child: ChildSettings;
}

const DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;

function readSettings(options: ProcessEvaluatorOptions, log: ExternalLog): Settings {
  const command = options.command as unknown;
  if (!Array.isArray(command) || command.length === 0 || !command.every((part) => typeof part === 'string') || command[0] === '') {
    throw badInput(
      '--evaluator-cmd',
      `the evaluator command must be a non-empty list of strings, got ${JSON.stringify(command)}`,
      'give the program and its arguments as a JSON list, e.g. ["python3", "my_eval.py"]',
    );
  }
  checkCommonOptions(options);
  return {
    handshakeTimeoutMs: durationOption('handshakeTimeoutMs', options.handshakeTimeoutMs, DEFAULT_HANDSHAKE_TIMEOUT_MS, 1),
    requestTimeoutMs: durationOption('requestTimeoutMs', options.requestTimeoutMs, DEFAULT_REQUEST_TIMEOUT_MS, 1),
    candidateTimeoutMs: durationOption('candidateTimeoutMs', options.candidateTimeoutMs, DEFAULT_CANDIDATE_TIMEOUT_MS),
    killGraceMs: durationOption('killGraceMs', options.killGraceMs, 5000),
    maxRetries: countOption('maxRetries', options.maxRetries, 2, 0),
    maxStartAttempts: countOption('maxStartAttempts', options.maxStartAttempts, 3, 1),
    restartDelayMs: durationOption('restartDelayMs', options.restartDelayMs, 1000),
    child: {
      command: [...(command as string[])],
      cwd: options.cwd,
      env: { ...process.env, PYTHONUNBUFFERED: '1', CARVE_EVALUATOR_PROTOCOL: String(PROTOCOL_VERSION), ...options.env },
      maxLineBytes: countOption('maxLineBytes', options.maxLineBytes, DEFAULT_MAX_LINE_BYTES, 1024),
      log,
    },
  };
}

export class ProcessEvaluator implements Evaluator {
  maxBatch?: number;
  private readonly options: ProcessEvaluatorOptions;
  private readonly settings: Settings;
  private readonly deferred: DeferredIdentity | null;
  private readonly log: ExternalLog;
  private identity: { id: string; provides: readonly string[] };
  private firstHandshake: EvaluatorHandshake | null = null;
  private child: EvaluatorChild | null = null;
  /** Set once the evaluator gave up (cannot start, or disagrees with what was declared): every candidate fails with it. */
  private deadReason: string | null = null;
  private closed = false;
  private queue: Promise<unknown> = Promise.resolve();
  private counters = { starts: 0, requests: 0, interruptions: 0 };

  private constructor(options: ProcessEvaluatorOptions, deferred: DeferredIdentity | null) {
    this.log = options.onLog ?? (() => undefined);
    this.settings = readSettings(options, this.log);
    this.options = options;
    this.deferred = deferred;
    const name = options.name ?? nameFromCommand(options.command);
    this.identity =
      deferred === null
        ? { id: externalEvaluatorId(name, options.version ?? DEFAULT_VERSION, 'unstarted'), provides: [] }
        : {
            id: externalEvaluatorId(name, options.version ?? DEFAULT_VERSION, deferred.device),
            provides: Object.freeze(expectedNames(deferred.objectives)),
          };
  }

  /**
   * Starts the command and completes its handshake (restarting it a bounded number of times); `id`, `provides` and
   * `maxBatch` come from the handshake. Throws a CarveError when no handshake can be had, before any study exists.
   */
  static async start(options: ProcessEvaluatorOptions): Promise<ProcessEvaluator> {
    const evaluator = new ProcessEvaluator(options, null);
    const child = await evaluator.ensureChild();
    if (child === null) {
      throw new CarveError('EVALUATION', `the evaluator command ${JSON.stringify(options.command)} is not usable: ${evaluator.deadReason ?? 'unknown reason'}`, {
        field: '--evaluator-cmd',
        hint: 'run the command by hand: its first stdout line must be the handshake (see docs/evaluator-protocol.md); its stderr says why it stopped',
      });
    }
    return evaluator;
  }

  /**
   * An evaluator whose id and objectives are declared up front; the process starts on the first evaluate(). If it
   * never completes a handshake, every candidate fails with the reason and the search still completes.
   */
  static deferred(options: DeferredProcessEvaluatorOptions): ProcessEvaluator {
    checkDeferredIdentity(options);
    return new ProcessEvaluator(options, { objectives: options.objectives, device: options.device });
  }

  get id(): string {
    return this.identity.id;
  }

  get provides(): readonly string[] {
    return this.identity.provides;
  }

  /** The first handshake (objectives with direction and unit, device, helper), or null before it. */
  get handshake(): EvaluatorHandshake | null {
    return this.firstHandshake;
  }

  /** Objectives with direction and unit as the evaluator declared them (empty before the handshake). */
  get declaredObjectives(): readonly DeclaredObjective[] {
    return this.firstHandshake?.objectives ?? [];
  }

  get stats(): ProcessEvaluatorStats {
    return { ...this.counters };
  }

  /** Pid of the running process (undefined when none runs). */
  get pid(): number | undefined {
    return this.child?.running === true ? this.child.pid : undefined;
  }

  /** One result per candidate, in order; never throws (calls are served one at a time). */
  evaluate(candidates: readonly Candidate[]): Promise<EvaluationResult[]> {
    const run = this.queue.then(() => this.evaluateSafely(candidates));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Closes the process's stdin, then stops it (SIGTERM, SIGKILL) if it does not exit. */
  async close(): Promise<void> {
    this.closed = true;
    const child = this.child;
    this.child = null;
    if (child !== null) await child.stop(this.settings.killGraceMs);
  }

  private async evaluateSafely(candidates: readonly Candidate[]): Promise<EvaluationResult[]> {
    try {
      return await this.evaluateAll(candidates);
    } catch (error) {
      const reason = `internal error in the external evaluator: ${error instanceof Error ? error.message : String(error)}`;
      return candidates.map(() => ({ ok: false, reason, retryable: false }));
    }
  }

  private async evaluateAll(candidates: readonly Candidate[]): Promise<EvaluationResult[]> {
    const batch = new CandidateBatch(candidates);
    const fresh = [...batch.jobs];
    const retry: CandidateJob[] = [];
    while (fresh.length > 0 || retry.length > 0) {
      if (this.closed) {
        batch.failRemaining('the external evaluator was closed', false);
        break;
      }
      const child = await this.ensureChild();
      if (child === null) {
        batch.failRemaining(this.deadReason ?? 'the external evaluator is not running', false);
        break;
      }
      // A candidate whose request was interrupted goes alone, so one that kills the process harms no other.
      const chunk = retry.length > 0 ? retry.splice(0, 1) : fresh.splice(0, this.maxBatch ?? fresh.length);
      await this.send(child, chunk, batch, retry);
    }
    return batch.results();
  }

  private async send(child: EvaluatorChild, chunk: readonly CandidateJob[], batch: CandidateBatch, retry: CandidateJob[]): Promise<void> {
    this.counters.requests += 1;
    const id = this.counters.requests;
    const timeoutMs = this.settings.requestTimeoutMs + this.settings.candidateTimeoutMs * chunk.length;
    const outcome = await child.request(
      id,
      encodeRequest(id, chunk),
      chunk.map((job) => job.key),
      timeoutMs,
      this.settings.killGraceMs,
    );
    const objectives = this.firstHandshake?.objectives ?? [];
    const unanswered: CandidateJob[] = [];
    for (const job of chunk) {
      const raw = outcome.answers.get(job.key);
      if (raw === undefined) unanswered.push(job);
      else batch.settle(job, interpretResult(raw, objectives));
    }
    if (unanswered.length === 0) return;
    if (outcome.kind === 'answered') {
      const failure: EvaluationResult =
        outcome.error !== null
          ? { ok: false, reason: `evaluator error: ${outcome.error.message}`, retryable: outcome.error.retryable }
          : { ok: false, reason: missingResultReason(id, outcome.unknownKeys, outcome.malformedCount), retryable: false };
      for (const job of unanswered) batch.settle(job, failure);
      return;
    }
    this.counters.interruptions += 1;
    let retried = 0;
    for (const job of unanswered) {
      job.interruptions += 1;
      if (job.interruptions > this.settings.maxRetries) {
        // Already sent maxRetries + 1 times: final, so the study does not spend its own retries on it too.
        batch.settle(job, { ok: false, reason: `${outcome.reason} (sent ${job.interruptions} times, not retried further)`, retryable: false });
      } else {
        retry.push(job);
        retried += 1;
      }
    }
    this.log({
      source: 'lifecycle',
      message: `request ${id} was interrupted: ${outcome.reason}; ${chunk.length - unanswered.length} results kept, ${retried} candidates will be sent again one by one`,
    });
  }

  /** The running process, starting one if needed (bounded consecutive attempts); null once given up. */
  private async ensureChild(): Promise<EvaluatorChild | null> {
    if (this.child !== null && this.child.running) return this.child;
    if (this.deadReason !== null) return null;
    if (this.child !== null) this.log({ source: 'lifecycle', message: `evaluator process ${this.child.describeExit()}; restarting it` });
    this.child = null;
    let failures = 0;
    let lastReason = '';
    while (failures < this.settings.maxStartAttempts && !this.closed) {
      if (failures > 0) await sleep(this.settings.restartDelayMs);
      this.counters.starts += 1;
      const start = await EvaluatorChild.start(this.settings.child, this.settings.handshakeTimeoutMs, this.settings.killGraceMs);
      if (start.ok) {
        const problem = this.acceptHandshake(start.handshake);
        if (problem !== null) {
          await start.child.stop(this.settings.killGraceMs);
          this.deadReason = problem;
          return null;
        }
        this.child = start.child;
        this.log({ source: 'lifecycle', message: `evaluator process ${start.child.pid ?? '?'} is ready (${this.id})` });
        return start.child;
      }
      failures += 1;
      lastReason = start.reason;
      this.log({ source: 'lifecycle', message: `start attempt ${failures} of ${this.settings.maxStartAttempts} failed: ${start.reason}` });
      if (!start.restartable) break;
    }
    this.deadReason = this.closed
      ? 'the external evaluator was closed'
      : `the evaluator process could not be started (${failures} attempt${failures === 1 ? '' : 's'}): ${lastReason}`;
    return null;
  }

  /** Null when the handshake is acceptable; the first one fixes identity and objectives, later ones must match it. */
  private acceptHandshake(handshake: EvaluatorHandshake): string | null {
    if (this.firstHandshake !== null) return checkSameHandshake(this.firstHandshake, handshake);
    const problem = checkFirstHandshake(handshake, this.options, this.deferred);
    if (problem !== null) return problem;
    this.firstHandshake = handshake;
    if (handshake.maxBatch !== undefined) this.maxBatch = handshake.maxBatch;
    if (this.deferred === null) {
      const { name, version, device } = identityFromHandshake(handshake, this.options, nameFromCommand(this.options.command));
      this.identity = { id: externalEvaluatorId(name, version, device), provides: Object.freeze(declaredNames(handshake.objectives)) };
    }
    return null;
  }
}
