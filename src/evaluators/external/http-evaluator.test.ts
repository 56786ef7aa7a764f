import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CarveError } from '../../core/errors.js';
import { HttpEvaluator, type HttpEvaluatorOptions } from './http-evaluator.js';
import { type ToyConfig, type ToyStudyRun, HOSTILE_SCRIPT, PYTHON, hostileEnv, logRecorder, runToyStudy, scratchDir, toyValues } from './testing/toy-study.js';

const OBJECTIVES = [
  { name: 'accuracy', direction: 'maximize', unit: '%' },
  { name: 'size', direction: 'minimize', unit: 'units' },
];

interface EvaluateRequestBody {
  id: number;
  candidates: { key: string; config: ToyConfig }[];
}

type Reply = { status: number; body: string } | 'hang' | 'drop';

interface ServerScript {
  handshake?: (count: number) => Reply;
  evaluate?: (request: EvaluateRequestBody, count: number) => Reply;
}

const json = (status: number, value: unknown): Reply => ({ status, body: JSON.stringify(value) });

/** The well-behaved answer: every candidate measured, in order. */
function goodAnswer(request: EvaluateRequestBody): Reply {
  return json(200, { id: request.id, results: request.candidates.map((candidate) => ({ key: candidate.key, values: toyValues(candidate.config) })) });
}

/** A scripted HTTP evaluator server on a free port; records the paths it was asked for. */
async function startServer(script: ServerScript, handshakeExtra: Record<string, unknown> = {}) {
  const paths: string[] = [];
  const hanging: http.ServerResponse[] = [];
  let handshakes = 0;
  let evaluations = 0;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      paths.push(`${request.method ?? ''} ${request.url ?? ''}`);
      let reply: Reply;
      if (request.method === 'GET' && request.url?.endsWith('/handshake') === true) {
        handshakes += 1;
        reply = script.handshake?.(handshakes) ?? json(200, { carve: 'evaluator', protocol: 1, objectives: OBJECTIVES, device: 'cpu', ...handshakeExtra });
      } else if (request.method === 'POST' && request.url?.endsWith('/evaluate') === true) {
        evaluations += 1;
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as EvaluateRequestBody;
        reply = script.evaluate?.(body, evaluations) ?? goodAnswer(body);
      } else {
        reply = { status: 404, body: 'not here' };
      }
      if (reply === 'hang') hanging.push(response);
      else if (reply === 'drop') request.socket.destroy();
      else response.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    paths,
    close: async () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const QUICK: Partial<HttpEvaluatorOptions> = { handshakeTimeoutMs: 2000, requestTimeoutMs: 2000, candidateTimeoutMs: 0, retries: 2, retryDelayMs: 10 };

function checkRun(run: ToyStudyRun, failureFor: (config: ToyConfig) => RegExp | null): { failed: number; complete: number } {
  expect(run.progress.evaluations).toBe(12);
  let failed = 0;
  let complete = 0;
  for (const trial of run.trials) {
    const config = trial.config as ToyConfig;
    const expected = failureFor(config);
    const label = `${JSON.stringify(config)} -> ${trial.state}: ${trial.reason ?? ''}`;
    if (expected === null) {
      expect(trial.state, label).toBe('complete');
      expect(trial.values, label).toEqual(toyValues(config));
      complete += 1;
    } else {
      expect(trial.state, label).toBe('failed');
      expect(trial.reason, label).toMatch(expected);
      failed += 1;
    }
  }
  return { failed, complete };
}

describe('HttpEvaluator', () => {
  let scratch: ReturnType<typeof scratchDir>;
  let closers: (() => Promise<void>)[];
  const serve = async (script: ServerScript, handshakeExtra: Record<string, unknown> = {}) => {
    const server = await startServer(script, handshakeExtra);
    closers.push(server.close);
    return server;
  };
  beforeEach(() => {
    scratch = scratchDir();
    closers = [];
  });
  afterEach(async () => {
    for (const close of closers) await close();
    scratch.remove();
  });

  it('searches through the Python helper\'s serve_http: GET /handshake, POST /evaluate, user errors per config', async () => {
    const python: ChildProcess = spawn(PYTHON, [HOSTILE_SCRIPT, 'helper-http'], { env: { ...process.env, ...hostileEnv(scratch.path) }, stdio: ['ignore', 'ignore', 'pipe'] });
    closers.push(async () => {
      if (python.exitCode === null) {
        const exited = new Promise((resolve) => python.once('exit', resolve));
        python.kill('SIGTERM');
        await exited;
      }
    });
    const url = await new Promise<string>((resolve, reject) => {
      let text = '';
      python.stderr?.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
        const match = /listening on (http:\/\/\S+)/.exec(text);
        if (match !== null) resolve(match[1] as string);
      });
      python.once('exit', (code) => reject(new Error(`serve_http exited with ${String(code)}: ${text}`)));
    });
    const evaluator = await HttpEvaluator.start({ url, ...QUICK });
    expect(evaluator.id).toBe('external:http-toy@3:cpu');
    expect(evaluator.provides).toEqual(['accuracy', 'size']);
    const run = await runToyStudy(evaluator, scratch.path);
    expect(checkRun(run, (config) => (config.width === 2 && config.depth === 3 ? /evaluator error: KeyError: 'missing layer'/ : null))).toEqual({ failed: 1, complete: 11 });
  });

  it('retries 503s and dropped connections, then completes; keeps a path prefix of the URL', async () => {
    const logs = logRecorder();
    const server = await serve({
      evaluate: (request, count) => (count === 1 ? json(503, { error: 'warming up' }) : count === 2 ? 'drop' : goodAnswer(request)),
    });
    const evaluator = await HttpEvaluator.start({ url: `${server.url}/models/toy/`, ...QUICK, onLog: logs.log });
    expect(evaluator.id).toBe('external:127.0.0.1_' + new URL(server.url).port + '@0:cpu');
    const run = await runToyStudy(evaluator, scratch.path);
    expect(checkRun(run, () => null)).toEqual({ failed: 0, complete: 12 });
    expect(evaluator.stats).toEqual({ requests: 3, retries: 2 });
    expect(server.paths[0]).toBe('GET /models/toy/handshake');
    expect(server.paths.slice(1).every((path) => path === 'POST /models/toy/evaluate')).toBe(true);
    expect(logs.text('lifecycle')).toMatch(/answered HTTP 503.*retry 1 of 2/);
  });

  it('a server that keeps failing: every candidate fails after the bounded retries, the search completes', async () => {
    const server = await serve({ evaluate: () => ({ status: 500, body: 'Traceback: boom' }) });
    const evaluator = await HttpEvaluator.start({ url: server.url, ...QUICK });
    const run = await runToyStudy(evaluator, scratch.path);
    expect(checkRun(run, () => /evaluate answered HTTP 500: Traceback: boom \(after 3 attempts\)/)).toEqual({ failed: 12, complete: 0 });
    expect(evaluator.stats).toEqual({ requests: 3, retries: 6 });
  });

  it('4xx answers are final: a protocol error keeps its text, anything else is described as HTTP', async () => {
    const server = await serve({
      evaluate: (request, count) => (count === 1 ? json(400, { id: request.id, error: 'config has no "width"' }) : { status: 404, body: '<html>nope</html>' }),
    });
    const evaluator = await HttpEvaluator.start({ url: server.url, ...QUICK });
    const candidate = { key: 'k', genome: [0, 0], config: { width: 1, depth: 1 } };
    expect(await evaluator.evaluate([candidate])).toEqual([{ ok: false, reason: 'evaluator error: config has no "width"', retryable: false }]);
    expect(await evaluator.evaluate([candidate])).toEqual([{ ok: false, reason: `${server.url}/evaluate answered HTTP 404: <html>nope</html>`, retryable: false }]);
    expect(evaluator.stats.retries).toBe(0);
  });

  it('a hung request times out and fails alone (max_batch 1), the search continues', async () => {
    const server = await serve(
      { evaluate: (request) => (request.candidates.some((candidate) => candidate.config.width === 4 && candidate.config.depth === 2) ? 'hang' : goodAnswer(request)) },
      { max_batch: 1 },
    );
    const evaluator = await HttpEvaluator.start({ url: server.url, ...QUICK, requestTimeoutMs: 300 });
    expect(evaluator.maxBatch).toBe(1);
    const run = await runToyStudy(evaluator, scratch.path);
    expect(checkRun(run, (config) => (config.width === 4 && config.depth === 2 ? /no answer from http:\/\/127\.0\.0\.1:\d+\/evaluate within 300 ms/ : null))).toEqual({
      failed: 1,
      complete: 11,
    });
  });

  it('NaN tokens, wrong objectives, out-of-order and unknown keys in a body fail only their candidates', async () => {
    const server = await serve({
      evaluate: (request) => {
        const results = request.candidates.map((candidate) => {
          const { width, depth } = candidate.config;
          const values: Record<string, unknown> = toyValues(candidate.config);
          if (width === 1) return `{"key": ${JSON.stringify(candidate.key)}, "values": {"accuracy": NaN, "size": 1}}`;
          if (width === 2 && depth === 1) values['loss'] = 3;
          if (width === 2 && depth === 2) return JSON.stringify({ key: `${candidate.key}-typo`, values });
          return JSON.stringify({ key: candidate.key, values });
        });
        return { status: 200, body: `{"id": ${request.id}, "results": [${results.reverse().join(', ')}]}` };
      },
    });
    const evaluator = await HttpEvaluator.start({ url: server.url, ...QUICK });
    const run = await runToyStudy(evaluator, scratch.path);
    const counts = checkRun(run, (config) => {
      if (config.width === 1) return /objective "accuracy" is NaN/;
      if (config.width === 2 && config.depth === 1) return /objective "loss" which the handshake did not declare/;
      if (config.width === 2 && config.depth === 2) return /without a result for this candidate; it sent results for unknown keys ".*-typo"/;
      return null;
    });
    expect(counts).toEqual({ failed: 5, complete: 7 });
  });

  it('a body that is not an answer, or answers another request id, fails the whole request clearly', async () => {
    const server = await serve({
      evaluate: (request, count) => (count === 1 ? { status: 200, body: '<html>proxy login</html>' } : json(200, { id: request.id + 100, results: [] })),
    });
    const evaluator = await HttpEvaluator.start({ url: server.url, ...QUICK });
    const candidate = { key: 'k', genome: [0, 0], config: { width: 1, depth: 1 } };
    expect(await evaluator.evaluate([candidate])).toEqual([
      { ok: false, reason: `the answer from ${server.url}/evaluate is not a protocol answer ({"id", "results"}): <html>proxy login</html>`, retryable: false },
    ]);
    expect(await evaluator.evaluate([candidate])).toEqual([
      { ok: false, reason: `the answer from ${server.url}/evaluate is for request 102, but request 2 was sent`, retryable: false },
    ]);
  });

  it('waits for a server that is still starting, and refuses one that never answers or disagrees', async () => {
    const starting = await serve({ handshake: (count) => (count < 3 ? { status: 503, body: 'loading' } : json(200, { carve: 'evaluator', protocol: 1, objectives: OBJECTIVES })) });
    const evaluator = await HttpEvaluator.start({ url: starting.url, ...QUICK });
    expect(evaluator.id).toMatch(/@0:any$/);

    const down = await serve({});
    await down.close();
    const failure = await HttpEvaluator.start({ url: down.url, ...QUICK, handshakeTimeoutMs: 300 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CarveError);
    expect((failure as CarveError).field).toBe('--evaluator-url');
    expect((failure as CarveError).message).toMatch(/no handshake: cannot reach http:\/\/127\.0\.0\.1:\d+\/handshake \(connect ECONNREFUSED/);

    const other = await serve({});
    await expect(HttpEvaluator.start({ url: other.url, ...QUICK, objectives: ['latency_ms'] })).rejects.toThrow(/does not provide objective "latency_ms"/);
    const invalid = await serve({ handshake: () => json(200, { carve: 'evaluator', protocol: 1, objectives: [] }) });
    await expect(HttpEvaluator.start({ url: invalid.url, ...QUICK })).rejects.toThrow(/handshake from .* is invalid: handshake field "objectives"/);
    expect(() => HttpEvaluator.deferred({ url: 'ftp://x', objectives: ['a'], device: 'cpu' })).toThrow(/only http and https/);
  });

  it('a deferred evaluator whose server is down fails every candidate with the reason and the search completes', async () => {
    const down = await serve({});
    await down.close();
    const evaluator = HttpEvaluator.deferred({ url: down.url, ...QUICK, handshakeTimeoutMs: 200, objectives: ['accuracy', 'size'], device: 'cpu', name: 'remote', version: '5' });
    expect(evaluator.id).toBe('external:remote@5:cpu');
    const run = await runToyStudy(evaluator, scratch.path);
    expect(checkRun(run, () => /no handshake: cannot reach .*ECONNREFUSED/)).toEqual({ failed: 12, complete: 0 });
  });
});
