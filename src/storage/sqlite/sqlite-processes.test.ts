// SQLite store shared by real processes: durability when killed right after a commit, concurrent init and claims.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../migrations.js';
import { compileForChild } from '../testing/compile-for-child.js';
import { SqliteTrialStore } from './sqlite-trial-store.js';

const sourceRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

interface ChildResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

describe('SqliteTrialStore across processes', () => {
  let directory = '';
  let childEntry = '';

  beforeAll(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'carve-sqlite-processes-'));
    childEntry = compileForChild(
      path.join(sourceRoot, 'storage', 'testing', 'sqlite-child.ts'),
      sourceRoot,
      path.join(directory, 'compiled'),
    );
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  /** Runs the child; with `startTogether`, resolves `ready` when it has said so and waits for `go()`. */
  const startChild = (args: readonly string[]) => {
    const child = spawn(process.execPath, [childEntry, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let signalReady: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => (signalReady = resolve));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.startsWith('ready\n')) signalReady();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const done = new Promise<ChildResult>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => {
        signalReady(); // a child that dies early must not leave the test waiting
        resolve({ code, signal, stdout: stdout.replace(/^ready\n/, ''), stderr });
      });
    });
    return { ready, done, go: () => child.stdin.end('go\n') };
  };
  const runChild = (args: readonly string[]): Promise<ChildResult> => startChild(args).done;

  it('keeps a completed trial when the process is killed right after completeTrial resolves', async () => {
    const file = path.join(directory, 'killed.db');
    const result = await runChild(['complete-then-die', file]);
    expect(result.signal, result.stderr).toBe('SIGKILL');

    const store = new SqliteTrialStore(file);
    try {
      const study = await store.getStudy('durable');
      expect(study?.spec).toEqual({ seed: 7 });
      const [trial] = await store.listTrials(study?.id ?? -1);
      expect(trial).toMatchObject({ key: 'only', state: 'complete', values: { top1: 0.1 + 0.2 } });
      const measurement = (await store.getMeasurements('durable-eval', ['only'])).get('only');
      expect(measurement?.values).toEqual({ top1: 0.1 + 0.2 });
    } finally {
      await store.close();
    }
  });

  it('lets several processes initialise one new file at once', async () => {
    const file = path.join(directory, 'init-race.db');
    const results = await Promise.all([0, 1, 2].map(() => runChild(['init', file])));
    for (const result of results) {
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({ version: LATEST_SCHEMA_VERSION });
    }
    const raw = new Database(file, { readonly: true });
    try {
      expect(raw.prepare('SELECT count(*) FROM carve_schema').pluck().get()).toBe(LATEST_SCHEMA_VERSION);
    } finally {
      raw.close();
    }
  });

  it('never gives one trial to two processes claiming from the same study', async () => {
    const file = path.join(directory, 'claims.db');
    const store = new SqliteTrialStore(file);
    const trialCount = 60;
    try {
      await store.init();
      const study = await store.createStudy('shared', {});
      await store.addTrials(
        study.id,
        Array.from({ length: trialCount }, (_, index) => ({ key: `t${index}`, genome: [index], config: {}, batch: 0 })),
      );
      const children = ['worker-a', 'worker-b', 'worker-c'].map((worker) =>
        startChild(['claim-all', file, 'shared', worker]),
      );
      await Promise.all(children.map((child) => child.ready));
      for (const child of children) child.go();
      const results = await Promise.all(children.map((child) => child.done));
      const claimed = results.flatMap((result) => {
        expect(result.code, result.stderr).toBe(0);
        return (JSON.parse(result.stdout) as { claimed: number[] }).claimed;
      });
      expect([...claimed].sort((left, right) => left - right)).toEqual(
        Array.from({ length: trialCount }, (_, index) => index),
      );
      const stored = await store.listTrials(study.id);
      expect(stored.every((trial) => trial.state === 'complete' && trial.attempts === 1)).toBe(true);
    } finally {
      await store.close();
    }
  });
});
