// One running evaluator process: spawned without a shell, its handshake read, requests sent, answers collected, stopped.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { parseJsonLine } from './lenient-json.js';
import { LineSplitter } from './line-splitter.js';
import { type AnswerSheet, absorbResults, newAnswerSheet } from './candidate-batch.js';
import { type EvaluatorHandshake, looksLikeHandshake, parseHandshake, parseResponse } from './protocol.js';

export interface ExternalLogEntry {
  /** stderr: a line the evaluator wrote there; stdout: a stdout line that is not protocol; lifecycle: carve's own note. */
  readonly source: 'stderr' | 'stdout' | 'lifecycle';
  readonly message: string;
}

export type ExternalLog = (entry: ExternalLogEntry) => void;

export interface ChildSettings {
  readonly command: readonly string[];
  readonly cwd: string | undefined;
  readonly env: NodeJS.ProcessEnv;
  readonly maxLineBytes: number;
  readonly log: ExternalLog;
}

export type ChildStart =
  | { readonly ok: true; readonly child: EvaluatorChild; readonly handshake: EvaluatorHandshake }
  /** restartable is false when starting the same command again cannot help (not found, invalid handshake). */
  | { readonly ok: false; readonly reason: string; readonly restartable: boolean };

export type RequestOutcome =
  | {
      readonly kind: 'answered';
      readonly answers: ReadonlyMap<string, unknown>;
      /** Keys of results that matched no candidate of the request. */
      readonly unknownKeys: readonly string[];
      /** Results without a usable key. */
      readonly malformedCount: number;
      readonly error: { readonly message: string; readonly retryable: boolean } | null;
    }
  /** The process died or was stopped before answering everything; answers holds what arrived before. */
  | { readonly kind: 'interrupted'; readonly answers: ReadonlyMap<string, unknown>; readonly reason: string };

interface PendingRequest {
  readonly id: number;
  readonly sheet: AnswerSheet;
  /** Set when carve stops the process on purpose (timeout), so the outcome says why rather than "killed by SIGTERM". */
  interruptReason: string | null;
  readonly settle: (outcome: RequestOutcome) => void;
}

type HandshakeEvent =
  | { readonly kind: 'handshake'; readonly handshake: EvaluatorHandshake }
  | { readonly kind: 'invalid'; readonly reason: string }
  | { readonly kind: 'exit' };

const STDERR_TAIL_LINES = 5;
const STDERR_TAIL_CHARS = 300;
const LOGGED_LINE_CHARS = 1000;
/** After 'exit', how long to wait for the pipes to drain (a grandchild may hold them open forever). */
const DRAIN_AFTER_EXIT_MS = 250;
/** After SIGKILL, how long to wait for the exit before giving up on the process. */
const KILL_WAIT_MS = 5000;

/** Processes still running, killed if carve itself exits without closing its evaluators. */
const liveChildren = new Set<ChildProcessWithoutNullStreams>();
let exitHookInstalled = false;

function track(child: ChildProcessWithoutNullStreams): void {
  liveChildren.add(child);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const running of liveChildren) running.kill('SIGKILL');
  });
}

function truncate(text: string, maxChars: number): string {
  return text.length > maxChars ? `${text.slice(0, maxChars)}…` : text;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class EvaluatorChild {
  private readonly settings: ChildSettings;
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly stdoutLines: LineSplitter;
  private readonly stderrLines: LineSplitter;
  private readonly stderrTail: string[] = [];
  private phase: 'handshake' | 'ready' | 'gone' = 'handshake';
  private handshakeWaiter: ((event: HandshakeEvent) => void) | null = null;
  private pending: PendingRequest | null = null;
  private exitDescription: string | null = null;
  private spawnFailed = false;
  private readonly gone: Promise<void>;
  private markGone: () => void = () => undefined;

  private constructor(settings: ChildSettings) {
    this.settings = settings;
    this.gone = new Promise((resolve) => {
      this.markGone = resolve;
    });
    const [file, ...args] = settings.command as [string, ...string[]];
    // Never a shell: the argv goes to the program as it is, so no quoting or injection issue can arise.
    this.child = spawn(file, args, { shell: false, stdio: ['pipe', 'pipe', 'pipe'], cwd: settings.cwd, env: settings.env, windowsHide: true });
    track(this.child);
    this.stdoutLines = new LineSplitter({
      maxLineBytes: settings.maxLineBytes,
      onLine: (line) => this.onStdoutLine(line),
      onOverlong: (lengthBytes, prefix) =>
        settings.log({
          source: 'lifecycle',
          message: `dropped a stdout line of ${lengthBytes} bytes (longer than the ${settings.maxLineBytes}-byte limit): ${JSON.stringify(prefix)}…`,
        }),
    });
    this.stderrLines = new LineSplitter({
      maxLineBytes: settings.maxLineBytes,
      onLine: (line) => this.onStderrLine(line),
      onOverlong: (lengthBytes, prefix) => this.onStderrLine(`${prefix}… (${lengthBytes} bytes)`),
    });
    this.child.stdout.on('data', (chunk: Buffer) => this.stdoutLines.push(chunk));
    this.child.stderr.on('data', (chunk: Buffer) => this.stderrLines.push(chunk));
    this.child.stdin.on('error', (error) => {
      settings.log({ source: 'lifecycle', message: `writing to the evaluator failed: ${error.message}` });
    });
    this.child.on('error', (error) => {
      if (this.child.pid === undefined) {
        this.spawnFailed = true;
        this.exitDescription = `could not be started (${error.message})`;
        this.finish();
      } else {
        settings.log({ source: 'lifecycle', message: `evaluator process error: ${error.message}` });
      }
    });
    this.child.on('exit', (code, signal) => {
      this.exitDescription = code !== null ? `exited with code ${code}` : `was killed by ${signal ?? 'a signal'}`;
      setTimeout(() => this.finish(), DRAIN_AFTER_EXIT_MS).unref();
    });
    this.child.on('close', () => this.finish());
  }

  /** Spawns the command and waits for its handshake (other stdout lines before it are logged and skipped). */
  static async start(settings: ChildSettings, handshakeTimeoutMs: number, killGraceMs: number): Promise<ChildStart> {
    let child: EvaluatorChild;
    try {
      child = new EvaluatorChild(settings);
    } catch (error) {
      return { ok: false, reason: `the command could not be started (${error instanceof Error ? error.message : String(error)})`, restartable: false };
    }
    const event = await child.waitForHandshake(handshakeTimeoutMs);
    // A handshake read from the last output of a process that already exited does not make it usable.
    if (event.kind === 'handshake' && child.phase !== 'gone') {
      child.phase = 'ready';
      return { ok: true, child, handshake: event.handshake };
    }
    if (event.kind === 'invalid') {
      await child.terminate(killGraceMs);
      return { ok: false, reason: `its handshake is invalid: ${event.reason}`, restartable: false };
    }
    if (child.phase !== 'gone') {
      await child.terminate(killGraceMs);
      return { ok: false, reason: `it wrote no handshake within ${handshakeTimeoutMs} ms${child.stderrSummary()}`, restartable: true };
    }
    return {
      ok: false,
      reason: child.spawnFailed
        ? `the command ${child.exitDescription ?? 'could not be started'}`
        : `the process ${child.exitDescription ?? 'stopped'} during the handshake${child.stderrSummary()}`,
      restartable: !child.spawnFailed,
    };
  }

  get running(): boolean {
    return this.phase === 'ready';
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /**
   * Sends one request line and collects answer lines with its id until one without "more": true arrives or every
   * key is answered. On timeout the process is stopped (SIGTERM, then SIGKILL) before the outcome is returned.
   */
  request(id: number, line: string, keys: readonly string[], timeoutMs: number, killGraceMs: number): Promise<RequestOutcome> {
    if (this.phase !== 'ready' || this.pending !== null) {
      const reason = this.phase === 'gone' ? `the evaluator process ${this.describeExit()}` : 'the evaluator process is busy with another request';
      return Promise.resolve({ kind: 'interrupted', answers: new Map(), reason });
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        const pending = this.pending;
        if (pending === null || pending.id !== id) return;
        pending.interruptReason = `no answer within ${timeoutMs} ms (the process was stopped)`;
        void this.terminate(killGraceMs);
      }, timeoutMs);
      this.pending = {
        id,
        sheet: newAnswerSheet(keys),
        interruptReason: null,
        settle: (outcome) => {
          clearTimeout(timer);
          this.pending = null;
          resolve(outcome);
        },
      };
      this.child.stdin.write(`${line}\n`);
    });
  }

  /** Polite stop: close stdin (the helper exits on end of input), then SIGTERM, then SIGKILL. */
  async stop(killGraceMs: number): Promise<void> {
    if (this.phase === 'gone') return;
    this.child.stdin.end();
    if (await this.waitGone(killGraceMs)) return;
    await this.terminate(killGraceMs);
  }

  /** SIGTERM, then SIGKILL after the grace period; resolves once the process is gone. */
  async terminate(killGraceMs: number): Promise<void> {
    if (this.phase === 'gone') return;
    this.child.kill('SIGTERM');
    if (await this.waitGone(killGraceMs)) return;
    this.settings.log({ source: 'lifecycle', message: `evaluator process ${this.pid ?? '?'} ignored SIGTERM for ${killGraceMs} ms; sending SIGKILL` });
    this.child.kill('SIGKILL');
    if (await this.waitGone(KILL_WAIT_MS)) return;
    this.finish();
  }

  /** "exited with code 1; last stderr: …" */
  describeExit(): string {
    return `${this.exitDescription ?? 'stopped'}${this.stderrSummary()}`;
  }

  private waitForHandshake(timeoutMs: number): Promise<HandshakeEvent> {
    if (this.phase === 'gone') return Promise.resolve({ kind: 'exit' });
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.handshakeWaiter = null;
        resolve({ kind: 'exit' });
      }, timeoutMs);
      this.handshakeWaiter = (event) => {
        clearTimeout(timer);
        this.handshakeWaiter = null;
        resolve(event);
      };
    });
  }

  private async waitGone(ms: number): Promise<boolean> {
    if (this.phase === 'gone') return true;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    });
    const result = await Promise.race([this.gone.then(() => true), timedOut]);
    clearTimeout(timer);
    return result;
  }

  private stderrSummary(): string {
    if (this.stderrTail.length === 0) return '';
    return `; last stderr: ${this.stderrTail.map((line) => JSON.stringify(line)).join(' / ')}`;
  }

  private onStderrLine(line: string): void {
    if (line.trim() === '') return;
    this.stderrTail.push(truncate(line, STDERR_TAIL_CHARS));
    if (this.stderrTail.length > STDERR_TAIL_LINES) this.stderrTail.shift();
    this.settings.log({ source: 'stderr', message: truncate(line, LOGGED_LINE_CHARS) });
  }

  private noise(line: string): void {
    this.settings.log({ source: 'stdout', message: truncate(line, LOGGED_LINE_CHARS) });
  }

  private onStdoutLine(line: string): void {
    if (line.trim() === '') return;
    const parsed = parseJsonLine(line);
    if (!parsed.ok) {
      this.noise(line);
      return;
    }
    if (this.phase === 'handshake') {
      if (!looksLikeHandshake(parsed.value) || this.handshakeWaiter === null) {
        this.noise(line);
        return;
      }
      const check = parseHandshake(parsed.value);
      this.handshakeWaiter(check.ok ? { kind: 'handshake', handshake: check.handshake } : { kind: 'invalid', reason: check.reason });
      return;
    }
    const message = parseResponse(parsed.value);
    const pending = this.pending;
    if (message === null) {
      this.noise(line);
      return;
    }
    if (pending === null || message.id !== pending.id) {
      this.settings.log({ source: 'lifecycle', message: `ignored an answer to request ${message.id}, which is not the open request` });
      return;
    }
    const sheet = pending.sheet;
    if (message.error !== null) {
      pending.settle({ kind: 'answered', answers: sheet.answers, unknownKeys: sheet.unknownKeys, malformedCount: sheet.malformedCount, error: message.error });
      return;
    }
    for (const key of absorbResults(sheet, message.results)) {
      this.settings.log({ source: 'lifecycle', message: `ignored a second result for ${key} in request ${pending.id}` });
    }
    // Every key answered closes the request even if the evaluator forgot to drop "more".
    if (!message.more || sheet.answers.size === sheet.keys.size) {
      pending.settle({ kind: 'answered', answers: sheet.answers, unknownKeys: sheet.unknownKeys, malformedCount: sheet.malformedCount, error: null });
    }
  }

  /** The process is gone: deliver a last unterminated line, then fail whatever was waiting on it. */
  private finish(): void {
    if (this.phase === 'gone') return;
    this.stdoutLines.end();
    this.stderrLines.end();
    this.phase = 'gone';
    liveChildren.delete(this.child);
    this.handshakeWaiter?.({ kind: 'exit' });
    const pending = this.pending;
    if (pending !== null) {
      pending.settle({
        kind: 'interrupted',
        answers: pending.sheet.answers,
        reason: pending.interruptReason ?? `the evaluator process ${this.describeExit()}`,
      });
    }
    this.markGone();
  }
}
