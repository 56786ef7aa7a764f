import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CarveError } from '../../core/errors.js';
import type { Candidate } from '../types.js';
import { ProcessEvaluator, type ProcessEvaluatorOptions } from './process-evaluator.js';
import {
  type ToyConfig,
  type ToyStudyRun,
  hostileCommand,
  hostileEnv,
  logRecorder,
  runToyStudy,
  scratchDir,
  toyValues,
} from './testing/toy-study.js';

// Short limits keep the suite fast; the hostile script's behaviour is keyed on (width, depth).
const QUICK = { handshakeTimeoutMs: 5000, requestTimeoutMs: 2000, candidateTimeoutMs: 0, killGraceMs: 300, restartDelayMs: 20, maxRetries: 1 };

async function waitFor(condition: () => boolean, limitMs = 5000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Checks a whole search: all 12 architectures were tried; each one the rule names failed with a reason matching
 * it; every other one completed with the right values, which were also stored as a reusable measurement.
 */
function checkRun(run: ToyStudyRun, failureFor: (config: ToyConfig) => RegExp | null): { failed: number; complete: number } {
  expect(run.progress.evaluations).toBe(12);
  expect(new Set(run.trials.map((trial) => JSON.stringify(trial.config))).size).toBe(12);
  let failed = 0;
  let complete = 0;
  for (const trial of run.trials) {
    const config = trial.config as ToyConfig;
    const expected = failureFor(config);
    const label = `${JSON.stringify(config)} -> ${trial.state}: ${trial.reason ?? ''}`;
    if (expected === null) {
      expect(trial.state, label).toBe('complete');
      expect(trial.values, label).toEqual(toyValues(config));
      expect(run.measurements.get(trial.key)?.values, label).toEqual(toyValues(config));
      complete += 1;
    } else {
      expect(trial.state, label).toBe('failed');
      expect(trial.reason, label).toMatch(expected);
      failed += 1;
    }
  }
  return { failed, complete };
}

describe('ProcessEvaluator against hostile evaluators, inside a real search', () => {
  let scratch: ReturnType<typeof scratchDir>;
  let evaluators: ProcessEvaluator[];
  const options = (mode: string, extra: Partial<ProcessEvaluatorOptions> = {}): ProcessEvaluatorOptions => ({
    command: hostileCommand(mode),
    env: hostileEnv(scratch.path),
    ...QUICK,
    ...extra,
  });
  const start = async (mode: string, extra: Partial<ProcessEvaluatorOptions> = {}): Promise<ProcessEvaluator> => {
    const evaluator = await ProcessEvaluator.start(options(mode, extra));
    evaluators.push(evaluator);
    return evaluator;
  };

  beforeEach(() => {
    scratch = scratchDir();
    evaluators = [];
  });
  afterEach(async () => {
    for (const evaluator of evaluators) await evaluator.close();
    scratch.remove();
  });

  it('a crash in the middle of a batch: the process is restarted, the others are retried, the culprit fails with the exit and stderr', async () => {
    const logs = logRecorder();
    const evaluator = await start('crash-mid-batch', { onLog: logs.log });
    expect(evaluator.id).toBe('external:crashy@1:cpu');
    expect(evaluator.provides).toEqual(['accuracy', 'size']);
    const run = await runToyStudy(evaluator, scratch.path);
    const counts = checkRun(run, (config) =>
      config.width === 4 && config.depth === 1 ? /exited with code 7.*simulated segmentation fault.*sent 2 times, not retried further/ : null,
    );
    expect(counts).toEqual({ failed: 1, complete: 11 });
    expect(evaluator.stats.interruptions).toBe(2);
    expect(evaluator.stats.starts).toBeGreaterThanOrEqual(2);
    expect(logs.text('lifecycle')).toMatch(/restarting it/);
  });

  it('a hung evaluation that ignores SIGTERM: killed after the timeout, restarted, retried once, then failed', async () => {
    const logs = logRecorder();
    const evaluator = await start('hang', { requestTimeoutMs: 1000, onLog: logs.log });
    const run = await runToyStudy(evaluator, scratch.path);
    const counts = checkRun(run, (config) =>
      config.width === 4 && config.depth === 2 ? /no answer within 1000 ms \(the process was stopped\) \(sent 2 times/ : null,
    );
    expect(counts).toEqual({ failed: 1, complete: 11 });
    expect(logs.text('lifecycle')).toMatch(/ignored SIGTERM for 300 ms; sending SIGKILL/);
  });

  it('garbage on stdout (before the handshake, between results, JSON that is not an answer) is logged, never fatal', async () => {
    const logs = logRecorder();
    const evaluator = await start('garbage', { onLog: logs.log });
    const run = await runToyStudy(evaluator, scratch.path);
    expect(checkRun(run, () => null)).toEqual({ failed: 0, complete: 12 });
    const stdout = logs.text('stdout');
    for (const noise of ['Loading weights from /tmp/ofa.pth', '{"foo": 1}', '[1, 2, 3]', '{broken json', '"note": "not an answer"', 'evaluating ']) {
      expect(stdout).toContain(noise);
    }
    expect(logs.text('stderr')).toContain('warming up the model');
    expect(evaluator.stats.interruptions).toBe(0);
  });

  it('NaN and ±Infinity written by Python json fail only their own candidate, naming the objective', async () => {
    const evaluator = await start('nan');
    const run = await runToyStudy(evaluator, scratch.path);
    const counts = checkRun(run, (config) => {
      if (config.width === 1) return /objective "accuracy" is NaN; only finite numbers are accepted/;
      if (config.width === 2) return /objective "size" is Infinity/;
      if (config.width === 3 && config.depth === 1) return /objective "accuracy" is -Infinity/;
      return null;
    });
    expect(counts).toEqual({ failed: 7, complete: 5 });
  });

  it('missing, extra, mistyped and null objectives, a result without values and an error result each fail with their reason', async () => {
    const evaluator = await start('wrong-objectives');
    const run = await runToyStudy(evaluator, scratch.path);
    const counts = checkRun(run, (config) => {
      if (config.width === 1) return /objective "size" is missing from the result/;
      if (config.width === 2) return /objective "loss" which the handshake did not declare \(declared: accuracy, size\)/;
      if (config.width === 3) return /objective "accuracy" is a string \("\d+(\.\d+)?"\), expected a number/;
      if (config.depth === 3) return /objective "accuracy" is null/;
      if (config.depth === 2) return /the result has no "values" object/;
      return /evaluator error: CUDA error: device-side assert triggered/;
    });
    expect(counts).toEqual({ failed: 12, complete: 0 });
  });

  it('results out of order, duplicated, without a key or under an unknown key: matched by key, the unanswered ones fail', async () => {
    const logs = logRecorder();
    const evaluator = await start('out-of-order', { onLog: logs.log });
    const run = await runToyStudy(evaluator, scratch.path);
    const counts = checkRun(run, (config) =>
      config.width === 2 ? /without a result for this candidate; it sent results for unknown keys "bogus:.*; 1 of its results had no "key"/ : null,
    );
    expect(counts).toEqual({ failed: 3, complete: 9 });
    expect(logs.text('lifecycle')).toMatch(/ignored a second result for/);
  });

  it('answers cut into 5-byte writes, split UTF-8 characters, a 1 MB answer line and an over-long garbage line', async () => {
    const logs = logRecorder();
    const evaluator = await start('partial-lines', { maxLineBytes: 2_000_000, onLog: logs.log });
    const run = await runToyStudy(evaluator, scratch.path);
    expect(checkRun(run, () => null)).toEqual({ failed: 0, complete: 12 });
    const byConfig = new Map(run.trials.map((trial) => [JSON.stringify(trial.config), trial.key]));
    const blob = run.measurements.get(byConfig.get('{"width":1,"depth":1}') as string)?.meta as { blob: string };
    expect(blob.blob).toHaveLength(1_000_000);
    expect(run.measurements.get(byConfig.get('{"width":2,"depth":3}') as string)?.meta).toEqual({ note: 'café € 😀' });
    expect(logs.text('lifecycle')).toContain('dropped a stdout line of 3000000 bytes (longer than the 2000000-byte limit)');
    expect(logs.text('stdout')).toContain('trailing garbage written in two pieces');
  });

  it('slow to start but within the handshake limit: waited for, then used normally', async () => {
    const evaluator = await start('slow-start', { handshakeTimeoutMs: 10_000 });
    expect(evaluator.stats.starts).toBe(1);
    const run = await runToyStudy(evaluator, scratch.path);
    expect(checkRun(run, () => null)).toEqual({ failed: 0, complete: 12 });
  });

  it('a process that died while idle is restarted for the next request, which loses nothing', async () => {
    const logs = logRecorder();
    const evaluator = await start('one-shot', { onLog: logs.log });
    const candidate = (width: number, depth: number): Candidate => ({ key: `w${width}d${depth}`, genome: [width - 1, depth - 1], config: { width, depth } });
    for (const [width, depth] of [
      [1, 1],
      [2, 3],
      [4, 2],
    ] as const) {
      const [result] = await evaluator.evaluate([candidate(width, depth)]);
      expect(result).toEqual({ ok: true, values: toyValues({ width, depth }) });
      await waitFor(() => evaluator.pid === undefined); // it exits once it has answered
    }
    expect(evaluator.stats).toEqual({ starts: 3, requests: 3, interruptions: 0 });
    expect(logs.text('lifecycle')).toMatch(/evaluator process exited with code 0; restarting it/);
  });

  it('exit during the handshake: start() gives up after the bounded attempts with the reason and stderr', async () => {
    const failure = await ProcessEvaluator.start(options('exit-in-handshake', { maxStartAttempts: 3 })).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CarveError);
    expect((failure as CarveError).code).toBe('EVALUATION');
    expect((failure as CarveError).field).toBe('--evaluator-cmd');
    expect((failure as CarveError).message).toMatch(
      /could not be started \(3 attempts\): the process exited with code 3 during the handshake; last stderr: "RuntimeError: cannot load checkpoint ofa_w1.pth"/,
    );
  });

  it('exit during the handshake of a deferred evaluator: every candidate fails with the reason and the search completes', async () => {
    const evaluator = ProcessEvaluator.deferred({ ...options('exit-in-handshake', { maxStartAttempts: 2 }), objectives: ['accuracy', 'size'], device: 'cpu' });
    evaluators.push(evaluator);
    expect(evaluator.id).toBe('external:hostile_evaluator@0:cpu');
    const run = await runToyStudy(evaluator, scratch.path);
    const counts = checkRun(run, () => /could not be started \(2 attempts\): the process exited with code 3 during the handshake.*cannot load checkpoint/);
    expect(counts).toEqual({ failed: 12, complete: 0 });
    expect(evaluator.stats.starts).toBe(2);
  });

  it('a process that dies and then cannot start again: bounded restarts, then every candidate fails clearly', async () => {
    const evaluator = await start('flaky-start', { maxStartAttempts: 2 });
    const run = await runToyStudy(evaluator, scratch.path);
    const counts = checkRun(run, () => /could not be started \(2 attempts\): the process exited with code 3 during the handshake; last stderr: "CUDA driver not available"/);
    expect(counts).toEqual({ failed: 12, complete: 0 });
    expect(evaluator.stats.starts).toBe(3);
  });

  it('a process that exits right after its handshake: bounded starts and retries, every candidate fails with the exit', async () => {
    const evaluator = ProcessEvaluator.deferred({ ...options('handshake-then-exit', { maxStartAttempts: 2, version: '1' }), objectives: ['accuracy', 'size'], device: 'cpu' });
    evaluators.push(evaluator);
    const run = await runToyStudy(evaluator, scratch.path);
    const counts = checkRun(run, () => /exited with code 0.*exiting: the main loop is missing/);
    expect(counts).toEqual({ failed: 12, complete: 0 });
    // Each candidate is sent at most twice (maxRetries 1), so the number of starts is bounded.
    expect(evaluator.stats.starts).toBeLessThanOrEqual(2 * 12 + 2);
  });

  it('no handshake within the limit, another protocol version, a missing program: start() fails naming the cause', async () => {
    await expect(ProcessEvaluator.start(options('never-handshakes', { handshakeTimeoutMs: 400, maxStartAttempts: 1 }))).rejects.toThrow(
      /could not be started \(1 attempt\): it wrote no handshake within 400 ms/,
    );
    await expect(ProcessEvaluator.start(options('wrong-protocol'))).rejects.toThrow(
      /\(1 attempt\): its handshake is invalid: the evaluator speaks protocol 2 but this carve speaks 1/,
    );
    await expect(ProcessEvaluator.start({ ...QUICK, command: ['/nonexistent/carve-evaluator'] })).rejects.toThrow(
      /\(1 attempt\): the command could not be started \(spawn \/nonexistent\/carve-evaluator ENOENT\)/,
    );
  });

  it('a handshake that disagrees with the declared objectives or device is refused before or during the search', async () => {
    await expect(ProcessEvaluator.start(options('garbage', { objectives: ['accuracy', 'latency_ms'] }))).rejects.toThrow(
      /does not provide objective "latency_ms" \(its handshake declares: accuracy, size\)/,
    );
    await expect(ProcessEvaluator.start(options('garbage', { objectives: [{ name: 'size', direction: 'maximize' }] }))).rejects.toThrow(
      /declares objective "size" as minimize, but maximize was expected/,
    );
    const evaluator = ProcessEvaluator.deferred({ ...options('garbage'), objectives: ['accuracy', 'size'], device: 'cuda:0' });
    evaluators.push(evaluator);
    const run = await runToyStudy(evaluator, scratch.path);
    expect(checkRun(run, () => /the evaluator reports device "cpu" but device "cuda:0" was declared for it/)).toEqual({ failed: 12, complete: 0 });
    expect(evaluator.stats.starts).toBe(1);
  });

  it('a deferred evaluator whose handshake agrees is used normally under its declared id', async () => {
    const evaluator = ProcessEvaluator.deferred({ ...options('garbage'), objectives: ['accuracy', 'size'], device: 'cpu', name: 'toy', version: '1' });
    evaluators.push(evaluator);
    expect(evaluator.handshake).toBeNull();
    const run = await runToyStudy(evaluator, scratch.path);
    expect(checkRun(run, () => null)).toEqual({ failed: 0, complete: 12 });
    expect(evaluator.id).toBe('external:toy@1:cpu');
    expect(evaluator.declaredObjectives.map((objective) => objective.direction)).toEqual(['maximize', 'minimize']);
  });
});

describe('ProcessEvaluator with the Python helper', () => {
  let scratch: ReturnType<typeof scratchDir>;
  let evaluators: ProcessEvaluator[];
  beforeEach(() => {
    scratch = scratchDir();
    evaluators = [];
  });
  afterEach(async () => {
    for (const evaluator of evaluators) await evaluator.close();
    scratch.remove();
  });

  it('user exceptions become failures, RetryableError is retried by the study, prints and subprocess output go to stderr', async () => {
    const logs = logRecorder();
    const evaluator = await ProcessEvaluator.start({ command: hostileCommand('helper-features'), env: hostileEnv(scratch.path), ...QUICK, onLog: logs.log });
    evaluators.push(evaluator);
    expect(evaluator.id).toBe('external:helper@2:cpu');
    expect(evaluator.handshake?.helper).toBe('carve_evaluator.py/1.0.0');
    const run = await runToyStudy(evaluator, scratch.path);
    const counts = checkRun(run, (config) =>
      config.width === 1 && config.depth === 1 ? /evaluator error: ValueError: width 1 is not supported by this checkpoint/ : null,
    );
    expect(counts).toEqual({ failed: 1, complete: 11 });
    const retried = run.trials.filter((trial) => (trial.config as ToyConfig).width === 3);
    expect(retried.map((trial) => trial.state)).toEqual(['complete', 'complete', 'complete']);
    const stderr = logs.text('stderr');
    expect(stderr).toContain('stray print from user code');
    expect(stderr).toContain('from-a-subprocess');
    expect(stderr).toContain('RetryableError: CUDA out of memory (simulated)');
    expect(logs.text('stdout')).toBe('');
  });

  it('evaluate_batch with max_batch: requests are split, an exception item fails alone, meta is kept', async () => {
    const evaluator = await ProcessEvaluator.start({ command: hostileCommand('helper-batch'), env: hostileEnv(scratch.path), ...QUICK });
    evaluators.push(evaluator);
    expect(evaluator.maxBatch).toBe(3);
    const run = await runToyStudy(evaluator, scratch.path);
    const counts = checkRun(run, (config) => (config.width === 2 && config.depth === 2 ? /evaluator error: RuntimeError: batch item failed/ : null));
    expect(counts).toEqual({ failed: 1, complete: 11 });
    // 3 study batches of 4 candidates, each split into requests of at most 3.
    expect(evaluator.stats.requests).toBe(6);
    for (const trial of run.trials) {
      if ((trial.config as ToyConfig).width !== 1) continue;
      expect(run.measurements.get(trial.key)?.meta).toMatchObject({ batch_size: expect.any(Number) });
    }
  });

  it('close() ends the process; evaluating afterwards fails every candidate without throwing', async () => {
    const evaluator = await ProcessEvaluator.start({ command: hostileCommand('helper-batch'), env: hostileEnv(scratch.path), ...QUICK });
    const pid = evaluator.pid as number;
    expect(pid).toBeGreaterThan(0);
    await evaluator.close();
    expect(() => process.kill(pid, 0)).toThrow();
    const results = await evaluator.evaluate([{ key: 'a', genome: [0, 0], config: { width: 1, depth: 1 } }]);
    expect(results).toEqual([{ ok: false, reason: 'the external evaluator was closed', retryable: false }]);
  });

  it('an empty batch, duplicate keys and a config that cannot be sent as JSON', async () => {
    const evaluator = await ProcessEvaluator.start({ command: hostileCommand('helper-batch'), env: hostileEnv(scratch.path), ...QUICK });
    evaluators.push(evaluator);
    expect(await evaluator.evaluate([])).toEqual([]);
    const cyclic: Record<string, unknown> = { width: 1 };
    cyclic['self'] = cyclic;
    const results = await evaluator.evaluate([
      { key: 'w3d1', genome: [2, 0], config: { width: 3, depth: 1 } },
      { key: 'bad', genome: [0, 0], config: cyclic },
      { key: 'w3d1', genome: [2, 0], config: { width: 3, depth: 1 } },
      { key: 'big', genome: [0, 0], config: { width: 1n } },
    ]);
    expect(results[0]).toEqual({ ok: true, values: { accuracy: 83, size: 3 } });
    expect(results[2]).toEqual(results[0]);
    expect(results[1]).toMatchObject({ ok: false, retryable: false, reason: expect.stringMatching(/config cannot be sent as JSON: .*circular/i) });
    expect(results[3]).toMatchObject({ ok: false, reason: expect.stringMatching(/config cannot be sent as JSON: .*BigInt/i) });
    expect(evaluator.stats.requests).toBe(1);
  });

  it('rejects a command that is not a list of strings, naming the flag', async () => {
    await expect(ProcessEvaluator.start({ command: [] })).rejects.toMatchObject({ code: 'BAD_INPUT', field: '--evaluator-cmd' });
    await expect(ProcessEvaluator.start({ command: 'python3 eval.py' as unknown as string[] })).rejects.toMatchObject({ field: '--evaluator-cmd' });
    await expect(ProcessEvaluator.start({ command: ['python3'], requestTimeoutMs: -1 })).rejects.toMatchObject({ field: 'requestTimeoutMs' });
    expect(() => ProcessEvaluator.deferred({ command: ['python3'], objectives: [], device: 'cpu' })).toThrow(/must list the objectives/);
  });
});
