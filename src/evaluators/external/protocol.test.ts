import { describe, expect, it } from 'vitest';
import { CandidateBatch, absorbResults, missingResultReason, newAnswerSheet } from './candidate-batch.js';
import { checkFirstHandshake, identityFromHandshake } from './external-options.js';
import { NON_FINITE_MARK } from './lenient-json.js';
import {
  type DeclaredObjective,
  type EvaluatorHandshake,
  checkExpectedObjectives,
  checkSameHandshake,
  checkValues,
  configJson,
  encodeRequest,
  interpretResult,
  nameFromCommand,
  parseHandshake,
  parseResponse,
} from './protocol.js';

const OBJECTIVES: DeclaredObjective[] = [
  { name: 'accuracy', direction: 'maximize', unit: '%' },
  { name: 'latency_ms', direction: 'minimize', unit: 'ms' },
];

function handshakeOf(extra: Record<string, unknown> = {}): EvaluatorHandshake {
  const check = parseHandshake({ carve: 'evaluator', protocol: 1, objectives: OBJECTIVES, ...extra });
  if (!check.ok) throw new Error(check.reason);
  return check.handshake;
}

describe('parseHandshake', () => {
  it('reads a full handshake and fills the defaults of a minimal one', () => {
    expect(handshakeOf({ device: 'cuda:0', max_batch: 8, name: 'ofa', version: 2, helper: 'carve_evaluator.py/1.0.0' })).toEqual({
      protocol: 1,
      objectives: OBJECTIVES,
      device: 'cuda:0',
      maxBatch: 8,
      name: 'ofa',
      version: '2',
      helper: 'carve_evaluator.py/1.0.0',
    });
    const minimal = parseHandshake({ carve: 'evaluator', protocol: 1, objectives: [{ name: 'err', direction: 'minimize' }] });
    expect(minimal).toEqual({
      ok: true,
      handshake: { protocol: 1, objectives: [{ name: 'err', direction: 'minimize', unit: '' }], device: 'any', maxBatch: undefined, name: undefined, version: undefined, helper: undefined },
    });
  });

  it.each([
    [{ carve: 'other', protocol: 1, objectives: OBJECTIVES }, /"carve": "evaluator"/],
    [{ carve: 'evaluator', objectives: OBJECTIVES }, /"protocol" must be an integer/],
    [{ carve: 'evaluator', protocol: 3, objectives: OBJECTIVES }, /speaks protocol 3 but this carve speaks 1/],
    [{ carve: 'evaluator', protocol: 1, objectives: [] }, /"objectives" must be a non-empty list/],
    [{ carve: 'evaluator', protocol: 1, objectives: ['accuracy'] }, /objectives\[0\] must be an object/],
    [{ carve: 'evaluator', protocol: 1, objectives: [{ name: '1st', direction: 'minimize' }] }, /objectives\[0\]\.name must be an identifier/],
    [{ carve: 'evaluator', protocol: 1, objectives: [{ name: 'a', direction: 'up' }] }, /objectives\[0\]\.direction must be "minimize" or "maximize", got "up"/],
    [{ carve: 'evaluator', protocol: 1, objectives: [{ name: 'a', direction: 'minimize', unit: 3 }] }, /objectives\[0\]\.unit must be a string/],
    [{ carve: 'evaluator', protocol: 1, objectives: [...OBJECTIVES, OBJECTIVES[0]] }, /objectives\[2\]: objective "accuracy" is declared twice/],
    [{ carve: 'evaluator', protocol: 1, objectives: OBJECTIVES, device: '' }, /"device" must be a non-empty string/],
    [{ carve: 'evaluator', protocol: 1, objectives: OBJECTIVES, max_batch: 0 }, /"max_batch" must be a positive integer, got 0/],
    [{ carve: 'evaluator', protocol: 1, objectives: OBJECTIVES, name: { a: 1 } }, /"name" must be a string/],
  ])('refuses %j naming the field', (value, reason) => {
    const check = parseHandshake(value);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toMatch(reason);
  });
});

describe('expected objectives and restarts', () => {
  it('accepts a subset with matching direction and unit, refuses a missing objective or another direction or unit', () => {
    expect(checkExpectedObjectives(OBJECTIVES, ['accuracy'])).toBeNull();
    expect(checkExpectedObjectives(OBJECTIVES, [{ name: 'latency_ms', direction: 'minimize', unit: 'ms' }])).toBeNull();
    expect(checkExpectedObjectives(OBJECTIVES, ['energy_mj'])).toBe(
      'the evaluator does not provide objective "energy_mj" (its handshake declares: accuracy, latency_ms)',
    );
    expect(checkExpectedObjectives(OBJECTIVES, [{ name: 'accuracy', direction: 'minimize' }])).toMatch(/as maximize, but minimize was expected/);
    expect(checkExpectedObjectives(OBJECTIVES, [{ name: 'latency_ms', unit: 's' }])).toMatch(/in unit "ms", but "s" was expected/);
  });

  it('requires a restarted process to declare the same objectives and device', () => {
    expect(checkSameHandshake(handshakeOf({ device: 'cpu' }), handshakeOf({ device: 'cpu', helper: 'other' }))).toBeNull();
    expect(checkSameHandshake(handshakeOf({ device: 'cpu' }), handshakeOf({ device: 'cuda:0' }))).toMatch(/restarted evaluator declared/);
  });

  it('builds the id from options, then the handshake, then defaults; a deferred id must not be contradicted', () => {
    expect(identityFromHandshake(handshakeOf({ device: 'cuda:0', name: 'ofa net', version: 'v1:2' }), {}, 'my_eval')).toEqual({
      name: 'ofa_net',
      version: 'v1_2',
      device: 'cuda:0',
    });
    expect(identityFromHandshake(handshakeOf(), { name: 'x', version: '9' }, 'my_eval')).toEqual({ name: 'x', version: '9', device: 'any' });
    expect(identityFromHandshake(handshakeOf(), {}, 'my_eval')).toEqual({ name: 'my_eval', version: '0', device: 'any' });
    const deferred = { objectives: ['accuracy'], device: 'cpu' };
    expect(checkFirstHandshake(handshakeOf({ device: 'cpu' }), {}, deferred)).toBeNull();
    expect(checkFirstHandshake(handshakeOf(), {}, deferred)).toBeNull();
    expect(checkFirstHandshake(handshakeOf({ device: 'gpu' }), {}, deferred)).toMatch(/reports device "gpu" but device "cpu" was declared/);
    expect(checkFirstHandshake(handshakeOf({ version: '3' }), {}, deferred)).toMatch(/reports version "3" but its id was fixed with version "0"; pass version "3"/);
    expect(checkFirstHandshake(handshakeOf({ version: '3' }), { version: '4' }, deferred)).toBeNull();
  });
});

describe('results', () => {
  it('accepts exactly the declared objectives as numbers, with optional meta', () => {
    expect(interpretResult({ key: 'k', values: { accuracy: 71.25, latency_ms: 3 } }, OBJECTIVES)).toEqual({
      ok: true,
      values: { accuracy: 71.25, latency_ms: 3 },
    });
    expect(interpretResult({ key: 'k', values: { accuracy: 1, latency_ms: 2 }, meta: { repeats: 5 } }, OBJECTIVES)).toEqual({
      ok: true,
      values: { accuracy: 1, latency_ms: 2 },
      meta: { repeats: 5 },
    });
  });

  it.each([
    [{ accuracy: 1 }, 'objective "latency_ms" is missing from the result'],
    [{ accuracy: 1, latency_ms: 2, loss: 0.1 }, 'the result has objective "loss" which the handshake did not declare (declared: accuracy, latency_ms)'],
    [{ accuracy: '71', latency_ms: 2 }, 'objective "accuracy" is a string ("71"), expected a number'],
    [{ accuracy: true, latency_ms: 2 }, 'objective "accuracy" is a boolean (true), expected a number'],
    [{ accuracy: [1], latency_ms: 2 }, 'objective "accuracy" is a list ([1]), expected a number'],
    [{ accuracy: null, latency_ms: 2 }, 'objective "accuracy" is null (null), expected a number'],
    [{ accuracy: `${NON_FINITE_MARK}NaN`, latency_ms: 2 }, 'objective "accuracy" is NaN; only finite numbers are accepted'],
    [{ accuracy: 1, latency_ms: `${NON_FINITE_MARK}-Infinity` }, 'objective "latency_ms" is -Infinity; only finite numbers are accepted'],
  ])('fails values %j with a clear reason', (values, reason) => {
    expect(checkValues(values, OBJECTIVES)).toBe(reason);
    expect(interpretResult({ key: 'k', values }, OBJECTIVES)).toEqual({ ok: false, reason, retryable: false });
  });

  it('turns error results into failures keeping the retryable flag, and odd results into clear failures', () => {
    expect(interpretResult({ key: 'k', error: 'OOM', retryable: true }, OBJECTIVES)).toEqual({ ok: false, reason: 'evaluator error: OOM', retryable: true });
    expect(interpretResult({ key: 'k', error: { code: 7 } }, OBJECTIVES)).toEqual({ ok: false, reason: 'evaluator error: {"code":7}', retryable: false });
    expect(interpretResult({ key: 'k', values: [1, 2] }, OBJECTIVES)).toMatchObject({ ok: false, reason: expect.stringMatching(/no "values" object \(got \[1,2\]\)/) });
    expect(interpretResult('oops', OBJECTIVES)).toMatchObject({ ok: false, reason: 'the evaluator\'s result is not an object: "oops"' });
  });
});

describe('messages', () => {
  it('parses answers, request errors and recognises non-answers', () => {
    expect(parseResponse({ id: 3, results: [{ key: 'a' }], more: true })).toEqual({ id: 3, results: [{ key: 'a' }], more: true, error: null });
    expect(parseResponse({ id: 3, results: [] })).toMatchObject({ more: false });
    expect(parseResponse({ id: 3, error: 'bad request', retryable: true })).toEqual({
      id: 3,
      results: [],
      more: false,
      error: { message: 'bad request', retryable: true },
    });
    for (const value of [null, 42, [1], { foo: 1 }, { id: '3', results: [] }, { id: 1.5, results: [] }, { id: 3, note: 'x' }, { id: 3, results: {} }]) {
      expect(parseResponse(value)).toBeNull();
    }
  });

  it('encodes a request as one JSON line with the configs as given', () => {
    const line = encodeRequest(7, [
      { key: 'a|b', configJson: '{"ks":[3,5],"note":"line\\nbreak"}' },
      { key: 'c', configJson: 'null' },
    ]);
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({
      id: 7,
      type: 'evaluate',
      candidates: [
        { key: 'a|b', config: { ks: [3, 5], note: 'line\nbreak' } },
        { key: 'c', config: null },
      ],
    });
  });

  it('serialises configs, refusing what JSON cannot carry', () => {
    expect(configJson({ d: [2, 3], e: 0.25 })).toEqual({ ok: true, json: '{"d":[2,3],"e":0.25}' });
    expect(configJson(undefined)).toEqual({ ok: true, json: 'null' });
    expect(configJson({ x: Number.NaN })).toMatchObject({ ok: false, reason: expect.stringMatching(/non-finite number NaN/) });
    expect(configJson({ f: () => 1 })).toMatchObject({ ok: false, reason: expect.stringMatching(/holds a function/) });
  });

  it('names an evaluator after its script, module or program', () => {
    expect(nameFromCommand(['python3', 'my_eval.py', '--gpu', '0'])).toBe('my_eval');
    expect(nameFromCommand(['python3', '-u', '/opt/models/ofa eval.py', 'fast'])).toBe('ofa_eval');
    expect(nameFromCommand(['python3', '-m', 'pkg.evaluate', '--fast'])).toBe('pkg.evaluate');
    expect(nameFromCommand(['/usr/local/bin/ofa-evaluator', 'serve'])).toBe('ofa-evaluator');
  });
});

describe('CandidateBatch and answer sheets', () => {
  it('sends each key once, fills every position of it, and keeps the first of duplicate answers', () => {
    const batch = new CandidateBatch([
      { key: 'a', genome: [0], config: { w: 1 } },
      { key: 'b', genome: [1], config: { w: 2 } },
      { key: 'a', genome: [0], config: { w: 1 } },
    ]);
    expect(batch.jobs.map((job) => [job.key, job.positions])).toEqual([
      ['a', [0, 2]],
      ['b', [1]],
    ]);
    const sheet = newAnswerSheet(['a', 'b']);
    const duplicates = absorbResults(sheet, [{ key: 'b', n: 1 }, { key: 'b', n: 2 }, { key: 'zz' }, { nokey: true }, 'x']);
    expect(duplicates).toEqual(['b']);
    expect([...sheet.answers.entries()]).toEqual([['b', { key: 'b', n: 1 }]]);
    expect(sheet.unknownKeys).toEqual(['zz']);
    expect(sheet.malformedCount).toBe(2);
    batch.settle(batch.jobs[1] as (typeof batch.jobs)[number], { ok: true, values: { x: 1 } });
    batch.failRemaining('gone', true);
    expect(batch.results()).toEqual([
      { ok: false, reason: 'gone', retryable: true },
      { ok: true, values: { x: 1 } },
      { ok: false, reason: 'gone', retryable: true },
    ]);
  });

  it('explains a missing result with the unknown keys and keyless results it saw', () => {
    expect(missingResultReason(4, [], 0)).toBe('the evaluator answered request 4 without a result for this candidate');
    expect(missingResultReason(4, ['x', 'y', 'z', 'w'], 1)).toBe(
      'the evaluator answered request 4 without a result for this candidate; it sent results for unknown keys "x", "y", "z" and 1 more (results must echo each candidate\'s "key" unchanged); 1 of its results had no "key"',
    );
  });
});
