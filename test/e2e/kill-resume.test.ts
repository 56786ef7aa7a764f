// End to end: `carve search` killed with SIGKILL at random moments, re-run, ends with the same trials as an
// uninterrupted run (nothing lost, nothing repeated, same proposals). Runs the built CLI (npm run build first).

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/rng.js';

const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'bin', 'carve.js');
const dir = mkdtempSync(join(tmpdir(), 'carve-kill-'));

function searchArgs(db: string): string[] {
  return [bin, 'search', '--problem', 'nb201/cifar10/pixel3', '--tactic', 'nsga2', '--evals', '300', '--seed', '0', '--study', 'demo', '--storage', `sqlite:${db}`, '--quiet'];
}

interface StoredTrial {
  number: number;
  key: string;
  state: string;
  values: string | null;
  attempts: number;
}

function storedTrials(db: string): StoredTrial[] {
  const connection = new Database(db, { readonly: true });
  try {
    return connection.prepare('SELECT number, key, state, "values" AS "values", attempts FROM trials ORDER BY number').all() as StoredTrial[];
  } finally {
    connection.close();
  }
}

/** Starts the search and kills it with SIGKILL after `delayMs`; resolves true if it finished on its own first. */
function runAndKill(db: string, delayMs: number): Promise<boolean> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, searchArgs(db), { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') resolvePromise(false);
      else if (code === 0) resolvePromise(true);
      else reject(new Error(`search exited with ${code}: ${stderr}`));
    });
  });
}

describe('carve search under kill -9', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('resumes to the same final set of evaluated architectures as an uninterrupted run', async () => {
    const referenceDb = join(dir, 'reference.db');
    const started = Date.now();
    const reference = spawnSync(process.execPath, searchArgs(referenceDb), { encoding: 'utf8' });
    expect(reference.status, reference.stderr).toBe(0);
    const uninterruptedMs = Date.now() - started;
    const expected = storedTrials(referenceDb);
    expect(expected).toHaveLength(300);

    const crashDb = join(dir, 'crash.db');
    const rng = createRng(2024);
    let kills = 0;
    let killedMidway = 0;
    for (let round = 0; round < 40; round += 1) {
      // Kill anywhere from process start-up to the end of a whole run.
      const delayMs = Math.floor(rng.next() * uninterruptedMs * 1.1);
      const finished = await runAndKill(crashDb, delayMs);
      if (finished) break;
      kills += 1;
      let count = 0;
      try {
        count = storedTrials(crashDb).length;
      } catch {
        count = 0; // killed before the database existed
      }
      if (count > 0 && count < 300) killedMidway += 1;
    }
    // Finish (a no-op when the last round already did).
    const final = spawnSync(process.execPath, searchArgs(crashDb), { encoding: 'utf8' });
    expect(final.status, final.stderr).toBe(0);
    expect(kills).toBeGreaterThan(0);
    expect(killedMidway).toBeGreaterThan(0);

    const actual = storedTrials(crashDb);
    expect(actual.map((trial) => trial.key)).toEqual(expected.map((trial) => trial.key));
    expect(actual.every((trial) => trial.state === 'complete')).toBe(true);
    expect(actual.map((trial) => trial.values)).toEqual(expected.map((trial) => trial.values));
    // Each architecture measured once: one stored measurement per key.
    const connection = new Database(crashDb, { readonly: true });
    const measurements = connection.prepare('SELECT COUNT(*) AS n, COUNT(DISTINCT key) AS k FROM measurements').get() as { n: number; k: number };
    connection.close();
    expect(measurements.n).toBe(300);
    expect(measurements.k).toBe(300);
  }, 240_000);
});
