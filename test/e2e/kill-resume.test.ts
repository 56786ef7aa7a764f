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

function countTrials(db: string): number {
  try {
    return storedTrials(db).length;
  } catch {
    return 0; // not created yet, or busy
  }
}

/**
 * Starts the search and kills it with SIGKILL as soon as at least `killAt` trials are stored (polling the
 * database), so the kill lands in the middle of the search whatever the machine's speed. Resolves true if the
 * search finished on its own first.
 */
function runAndKill(db: string, killAt: number): Promise<boolean> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, searchArgs(db), { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setInterval(() => {
      if (countTrials(db) >= killAt) child.kill('SIGKILL');
    }, 5);
    child.on('exit', (code, signal) => {
      clearInterval(timer);
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
    const reference = spawnSync(process.execPath, searchArgs(referenceDb), { encoding: 'utf8' });
    expect(reference.status, reference.stderr).toBe(0);
    const expected = storedTrials(referenceDb);
    expect(expected).toHaveLength(300);

    const crashDb = join(dir, 'crash.db');
    const rng = createRng(2024);
    let kills = 0;
    let killedMidway = 0;
    // Kill points spread over the whole search, at seeded random trial counts (queued trials count too).
    const targets = Array.from({ length: 6 }, (_, round) => 1 + Math.floor(((round + rng.next()) / 6) * 299)).sort((a, b) => a - b);
    for (const killAt of targets) {
      const finished = await runAndKill(crashDb, killAt);
      if (finished) break;
      kills += 1;
      const count = countTrials(crashDb);
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
