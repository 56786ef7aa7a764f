// An evaluator reached over HTTP: GET <url>/handshake once, then POST <url>/evaluate with the protocol's request.

import { CarveError, badInput } from '../../core/errors.js';
import type { Candidate, EvaluationResult, Evaluator } from '../types.js';
import { CandidateBatch, type CandidateJob, absorbResults, missingResultReason, newAnswerSheet } from './candidate-batch.js';
import { type ExternalLog, sleep } from './evaluator-child.js';
import {
  DEFAULT_CANDIDATE_TIMEOUT_MS,
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
import { type HttpOutcome, httpCall } from './http-call.js';
import { parseJsonLine } from './lenient-json.js';
import {
  type DeclaredObjective,
  type EvaluatorHandshake,
  encodeRequest,
  externalEvaluatorId,
  interpretResult,
  parseHandshake,
  parseResponse,
  preview,
} from './protocol.js';

export interface HttpEvaluatorOptions extends ExternalEvaluatorOptions {
  /** Base URL: carve calls GET <url>/handshake and POST <url>/evaluate. */
  readonly url: string;
  /** Extra request headers (e.g. authorization). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Extra attempts after a network error or a 5xx / 429 answer (default 3). */
  readonly retries?: number;
  /** Pause before the first retry, doubled for each next one (default 1000). */
  readonly retryDelayMs?: number;
  /** Largest response body accepted (default 64 MiB). */
  readonly maxResponseBytes?: number;
}

export type DeferredHttpEvaluatorOptions = HttpEvaluatorOptions & DeferredIdentity;

export interface HttpEvaluatorStats {
  readonly requests: number;
  /** HTTP calls made again after a network error or a 5xx / 429. */
  readonly retries: number;
}

interface Settings {
  readonly base: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly handshakeTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly candidateTimeoutMs: number;
  readonly retries: number;
  readonly retryDelayMs: number;
  readonly maxResponseBytes: number;
}

const BODY_PREVIEW_CHARS = 300;
const HANDSHAKE_POLL_MAX_MS = 2000;

function readSettings(options: HttpEvaluatorOptions): Settings {
  let base: URL;
  try {
    base = new URL(options.url);
  } catch {
    throw badInput('--evaluator-url', `not a URL: ${JSON.stringify(options.url)}`, 'give the base URL of the evaluator server, e.g. http://127.0.0.1:8765');
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw badInput('--evaluator-url', `only http and https URLs are supported, got ${base.protocol}`);
  }
  checkCommonOptions(options);
  return {
    base,
    headers: { ...options.headers },
    handshakeTimeoutMs: durationOption('handshakeTimeoutMs', options.handshakeTimeoutMs, 60_000, 1),
    requestTimeoutMs: durationOption('requestTimeoutMs', options.requestTimeoutMs, DEFAULT_REQUEST_TIMEOUT_MS, 1),
    candidateTimeoutMs: durationOption('candidateTimeoutMs', options.candidateTimeoutMs, DEFAULT_CANDIDATE_TIMEOUT_MS),
    retries: countOption('retries', options.retries, 3, 0),
    retryDelayMs: durationOption('retryDelayMs', options.retryDelayMs, 1000),
    maxResponseBytes: countOption('maxResponseBytes', options.maxResponseBytes, 64 * 1024 * 1024, 1024),
  };
}

/** <base>/<leaf>, keeping any path prefix of the base (http://host/models/ofa + handshake). */
function endpoint(base: URL, leaf: string): URL {
  const url = new URL(base.href);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${leaf}`;
  return url;
}

function nameFromUrl(url: URL): string {
  return `${url.hostname}_${url.port === '' ? (url.protocol === 'https:' ? '443' : '80') : url.port}`.replace(/[^A-Za-z0-9_.-]+/g, '_');
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > BODY_PREVIEW_CHARS ? `${flat.slice(0, BODY_PREVIEW_CHARS)}…` : flat;
}

function worthRetrying(outcome: HttpOutcome): boolean {
  return outcome.kind === 'network' || (outcome.kind === 'response' && (outcome.status >= 500 || outcome.status === 429));
}

function describeOutcome(outcome: HttpOutcome, url: URL, timeoutMs: number): string {
  switch (outcome.kind) {
    case 'network':
      return `cannot reach ${url.href} (${outcome.message})`;
    case 'timeout':
      return `no answer from ${url.href} within ${timeoutMs} ms`;
    case 'too-large':
      return `the answer from ${url.href} is larger than ${outcome.limitBytes} bytes`;
    case 'response':
      return `${url.href} answered HTTP ${outcome.status}${outcome.body.trim() === '' ? '' : `: ${shorten(outcome.body)}`}`;
  }
}

export class HttpEvaluator implements Evaluator {
  maxBatch?: number;
  private readonly options: HttpEvaluatorOptions;
  private readonly settings: Settings;
  private readonly deferred: DeferredIdentity | null;
  private readonly log: ExternalLog;
  private identity: { id: string; provides: readonly string[] };
  private firstHandshake: EvaluatorHandshake | null = null;
  /** A handshake that disagrees with what was declared: permanent, every candidate fails with it. */
  private deadReason: string | null = null;
  private counters = { requests: 0, retries: 0 };

  private constructor(options: HttpEvaluatorOptions, deferred: DeferredIdentity | null) {
    this.settings = readSettings(options);
    this.options = options;
    this.deferred = deferred;
    this.log = options.onLog ?? (() => undefined);
    const name = options.name ?? nameFromUrl(this.settings.base);
    this.identity =
      deferred === null
        ? { id: externalEvaluatorId(name, options.version ?? DEFAULT_VERSION, 'unstarted'), provides: [] }
        : { id: externalEvaluatorId(name, options.version ?? DEFAULT_VERSION, deferred.device), provides: Object.freeze(expectedNames(deferred.objectives)) };
  }

  /** Fetches the handshake (retrying while the server starts, up to handshakeTimeoutMs); throws a CarveError if it cannot. */
  static async start(options: HttpEvaluatorOptions): Promise<HttpEvaluator> {
    const evaluator = new HttpEvaluator(options, null);
    const problem = await evaluator.ensureHandshake();
    if (problem !== null) {
      throw new CarveError('EVALUATION', `the evaluator at ${options.url} is not usable: ${problem}`, {
        field: '--evaluator-url',
        hint: 'check that the server runs and answers GET <url>/handshake (see docs/evaluator-protocol.md)',
      });
    }
    return evaluator;
  }

  /** Id and objectives declared up front; the handshake is fetched on first use (a failure fails that batch only). */
  static deferred(options: DeferredHttpEvaluatorOptions): HttpEvaluator {
    checkDeferredIdentity(options);
    return new HttpEvaluator(options, { objectives: options.objectives, device: options.device });
  }

  get id(): string {
    return this.identity.id;
  }

  get provides(): readonly string[] {
    return this.identity.provides;
  }

  get handshake(): EvaluatorHandshake | null {
    return this.firstHandshake;
  }

  get declaredObjectives(): readonly DeclaredObjective[] {
    return this.firstHandshake?.objectives ?? [];
  }

  get stats(): HttpEvaluatorStats {
    return { ...this.counters };
  }

  /** One result per candidate, in order; never throws. */
  async evaluate(candidates: readonly Candidate[]): Promise<EvaluationResult[]> {
    try {
      const batch = new CandidateBatch(candidates);
      const problem = batch.jobs.length === 0 ? null : await this.ensureHandshake();
      if (problem !== null) {
        batch.failRemaining(problem, false);
        return batch.results();
      }
      const size = this.maxBatch ?? batch.jobs.length;
      for (let start = 0; start < batch.jobs.length; start += size) {
        await this.post(batch.jobs.slice(start, start + size), batch);
      }
      return batch.results();
    } catch (error) {
      const reason = `internal error in the HTTP evaluator: ${error instanceof Error ? error.message : String(error)}`;
      return candidates.map(() => ({ ok: false, reason, retryable: false }));
    }
  }

  async close(): Promise<void> {
    // Nothing is held open: each call uses its own connection.
  }

  /** Null once a usable handshake is known, else why not. */
  private async ensureHandshake(): Promise<string | null> {
    if (this.firstHandshake !== null) return null;
    if (this.deadReason !== null) return this.deadReason;
    const url = endpoint(this.settings.base, 'handshake');
    const deadline = Date.now() + this.settings.handshakeTimeoutMs;
    let pauseMs = Math.min(200, this.settings.retryDelayMs);
    for (;;) {
      const remainingMs = Math.max(1, deadline - Date.now());
      const outcome = await httpCall({
        method: 'GET',
        url,
        headers: this.settings.headers,
        timeoutMs: Math.min(remainingMs, this.settings.requestTimeoutMs),
        maxResponseBytes: this.settings.maxResponseBytes,
      });
      if (outcome.kind === 'response' && outcome.status === 200) return this.acceptHandshake(outcome.body, url);
      const reason = `no handshake: ${describeOutcome(outcome, url, remainingMs)}`;
      // A server still starting refuses connections or answers 503; anything else will not get better.
      if (!worthRetrying(outcome) || Date.now() + pauseMs >= deadline) return reason;
      this.log({ source: 'lifecycle', message: `${reason}; trying again` });
      await sleep(pauseMs);
      pauseMs = Math.min(pauseMs * 2, HANDSHAKE_POLL_MAX_MS);
    }
  }

  private acceptHandshake(body: string, url: URL): string | null {
    const parsed = parseJsonLine(body);
    if (!parsed.ok) return `the handshake from ${url.href} is not JSON: ${shorten(body)}`;
    const check = parseHandshake(parsed.value);
    if (!check.ok) {
      this.deadReason = `the handshake from ${url.href} is invalid: ${check.reason}`;
      return this.deadReason;
    }
    const problem = checkFirstHandshake(check.handshake, this.options, this.deferred);
    if (problem !== null) {
      this.deadReason = problem;
      return problem;
    }
    this.firstHandshake = check.handshake;
    if (check.handshake.maxBatch !== undefined) this.maxBatch = check.handshake.maxBatch;
    if (this.deferred === null) {
      const { name, version, device } = identityFromHandshake(check.handshake, this.options, nameFromUrl(this.settings.base));
      this.identity = { id: externalEvaluatorId(name, version, device), provides: Object.freeze(declaredNames(check.handshake.objectives)) };
    }
    return null;
  }

  /** POSTs one request (retrying transport failures) and settles every candidate of it. */
  private async post(chunk: readonly CandidateJob[], batch: CandidateBatch): Promise<void> {
    this.counters.requests += 1;
    const id = this.counters.requests;
    const url = endpoint(this.settings.base, 'evaluate');
    const timeoutMs = this.settings.requestTimeoutMs + this.settings.candidateTimeoutMs * chunk.length;
    const body = encodeRequest(id, chunk);
    let outcome: HttpOutcome = { kind: 'network', message: 'not sent' };
    for (let attempt = 0; attempt <= this.settings.retries; attempt += 1) {
      if (attempt > 0) {
        this.counters.retries += 1;
        this.log({ source: 'lifecycle', message: `request ${id}: ${describeOutcome(outcome, url, timeoutMs)}; retry ${attempt} of ${this.settings.retries}` });
        await sleep(this.settings.retryDelayMs * 2 ** (attempt - 1));
      }
      outcome = await httpCall({ method: 'POST', url, body, headers: this.settings.headers, timeoutMs, maxResponseBytes: this.settings.maxResponseBytes });
      if (!worthRetrying(outcome)) break;
    }
    const fail = (reason: string, retryable = false): void => {
      for (const job of chunk) if (!batch.isSettled(job)) batch.settle(job, { ok: false, reason, retryable });
    };
    if (outcome.kind !== 'response') {
      fail(`${describeOutcome(outcome, url, timeoutMs)}${worthRetrying(outcome) ? ` (after ${this.settings.retries + 1} attempts)` : ''}`);
      return;
    }
    const parsed = parseJsonLine(outcome.body);
    const message = parsed.ok ? parseResponse(parsed.value) : null;
    if (outcome.status < 200 || outcome.status >= 300) {
      // A 4xx carrying a protocol error is the evaluator's own verdict; anything else is described as HTTP.
      if (message !== null && message.error !== null) fail(`evaluator error: ${message.error.message}`, message.error.retryable);
      else fail(`${describeOutcome(outcome, url, timeoutMs)}${worthRetrying(outcome) ? ` (after ${this.settings.retries + 1} attempts)` : ''}`);
      return;
    }
    if (message === null) {
      fail(`the answer from ${url.href} is not a protocol answer ({"id", "results"}): ${shorten(outcome.body)}`);
      return;
    }
    if (message.id !== id) {
      fail(`the answer from ${url.href} is for request ${message.id}, but request ${id} was sent`);
      return;
    }
    if (message.error !== null) {
      fail(`evaluator error: ${message.error.message}`, message.error.retryable);
      return;
    }
    const sheet = newAnswerSheet(chunk.map((job) => job.key));
    for (const key of absorbResults(sheet, message.results)) {
      this.log({ source: 'lifecycle', message: `ignored a second result for ${preview(key)} in request ${id}` });
    }
    const objectives = this.firstHandshake?.objectives ?? [];
    for (const job of chunk) {
      const raw = sheet.answers.get(job.key);
      if (raw !== undefined) batch.settle(job, interpretResult(raw, objectives));
    }
    fail(missingResultReason(id, sheet.unknownKeys, sheet.malformedCount));
  }
}
