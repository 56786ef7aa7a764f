// `carve worker` and `carve search --workers`: flags, errors that name the field and the fix, and a worker
// run in-process next to a coordinator on one SQLite file.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openTrialStore } from '../../storage/index.js';
import { COORDINATOR_STARTED_EVENT, STUDY_FINISHED_EVENT, WORKER_BATCH_EVENT } from '../../study/index.js';
import { main } from '../main.js';
import type { CliOutput } from '../output.js';

function capture(): CliOutput & { outLines: string[]; errLines: string[] } {
  const outLines: string[] = [];
  const errLines: string[] = [];
  return { outLines, errLines, out: (text) => outLines.push(text), err: (text) => errLines.push(text), isTTY: false, stderr: null };
}

const dir = mkdtempSync(join(tmpdir(), 'carve-worker-cli-'));

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const output = capture();
  const code = await main(['node', 'carve', ...args], output);
  return { code, stdout: output.outLines.join('\n'), stderr: output.errLines.join('\n') };
}

describe('carve worker', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('explains itself in --help', async () => {
    const help = await run('worker', '--help');
    expect(help.code).toBe(0);
    for (const flag of ['--storage', '--study', '--worker', '--batch', '--idle-exit', '--wait', '--quiet']) expect(help.stdout).toContain(flag);
    expect(help.stdout).toContain('lease');
    expect(help.stdout).not.toContain('--pause-after-claim');
    expect((await run('search', '--help')).stdout).toMatch(/--workers <where>[\s\S]*--lease <seconds>/);
  });

  it('names the missing flag and the fix', async () => {
    const noStorage = await run('worker', '--study', 's');
    expect(noStorage.code).toBe(2);
    expect(noStorage.stderr).toMatch(/--storage: no storage given\s+fix: pass the --storage of the coordinator/);
    const noStudy = await run('worker', '--storage', `sqlite:${join(dir, 'none.db')}`);
    expect(noStudy.code).toBe(2);
    expect(noStudy.stderr).toMatch(/--study: no study given/);
  });

  it('refuses bad --batch, --idle-exit and storage locations', async () => {
    const storage = `sqlite:${join(dir, 'flags.db')}`;
    expect((await run('worker', '--storage', storage, '--study', 's', '--batch', '0')).stderr).toMatch(/--batch: must be at least 1/);
    expect((await run('worker', '--storage', storage, '--study', 's', '--idle-exit', 'soon')).stderr).toMatch(/--idle-exit: expected a number of seconds/);
    expect((await run('worker', '--storage', storage, '--study', 's', '--wait', '-1')).stderr).toMatch(/--wait: /);
    const unknown = await run('worker', '--storage', 'mysql://db/carve', '--study', 's');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--storage: unknown storage location/);
    expect((await run('worker', '--storage', 'sqlite::memory:', '--study', 's')).stderr).toMatch(/--storage: sqlite::memory: is private/);
    const missingFile = await run('worker', '--storage', `sqlite:${join(dir, 'absent', 'x.db')}`, '--study', 's');
    expect(missingFile.code).toBe(2);
    expect(missingFile.stderr).toMatch(/--storage: no SQLite database at .*absent/);
    const unreachable = await run('worker', '--storage', 'postgres://postgres@127.0.0.1:1/test', '--study', 's');
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(/server is running/);
  });

  it('refuses a study that does not exist (exit 2, names --study and how to start it)', async () => {
    const storage = `sqlite:${join(dir, 'empty.db')}`;
    const store = await openTrialStore(storage);
    await store.close();
    const result = await run('worker', '--storage', storage, '--study', 'nowhere', '--quiet');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--study: no study named "nowhere"/);
    expect(result.stderr).toContain('--workers remote');
  });

  it('with --wait, waits for the study (and the SQLite file) a coordinator creates later', async () => {
    const gone = await run('worker', '--storage', `sqlite:${join(dir, 'never.db')}`, '--study', 's', '--wait', '0.3', '--quiet');
    expect(gone.code).toBe(2);
    expect(gone.stderr).toMatch(/--storage: no SQLite database at .*never\.db after waiting 0\.3 s/);
    const storage = `sqlite:${join(dir, 'later.db')}`;
    // The worker starts first, on a file that does not exist yet.
    const worker = run('worker', '--storage', storage, '--study', 'later', '--batch', '5', '--worker', 'early', '--wait', '120');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const search = await run('search', '--problem', 'nb201/cifar10/pixel3', '--evals', '20', '--population', '10', '--study', 'later', '--storage', storage, '--workers', 'remote', '--quiet');
    const done = await worker;
    expect(search.code, search.stderr).toBe(0);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stderr).toContain('stopped (the study is finished): 20 trials complete');
    const store = await openTrialStore(storage);
    try {
      const study = await store.getStudy('later');
      expect((await store.listTrials(study?.id ?? -1)).every((trial) => trial.worker === 'early')).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('takes workers and lease from a --config file, and refuses a wrong value there by name', async () => {
    const storage = `sqlite:${join(dir, 'config.db')}`;
    const bad = join(dir, 'bad-workers.yaml');
    writeFileSync(bad, 'problem: nb201/cifar10/pixel3\nworkers: cloud\n');
    const refused = await run('search', '--config', bad, '--storage', storage, '--quiet');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/bad-workers\.yaml: workers/);
    const lonelyLease = join(dir, 'lease-only.yaml');
    writeFileSync(lonelyLease, 'problem: nb201/cifar10/pixel3\nlease: 5\n');
    expect((await run('search', '--config', lonelyLease, '--storage', storage, '--quiet')).stderr).toMatch(/--lease: .*workers: remote/s);
    const good = join(dir, 'remote.yaml');
    writeFileSync(good, 'problem: nb201/cifar10/pixel3\nevals: 20\npopulation: 10\nstudy: fromconfig\nworkers: remote\nlease: 7\n');
    const worker = run('worker', '--storage', storage, '--study', 'fromconfig', '--batch', '5', '--wait', '120', '--quiet');
    const search = await run('search', '--config', good, '--storage', storage, '--quiet');
    expect(search.code, search.stderr).toBe(0);
    expect((await worker).code).toBe(0);
    const store = await openTrialStore(storage);
    try {
      const study = await store.getStudy('fromconfig');
      expect((await store.listEvents(study?.id ?? -1, COORDINATOR_STARTED_EVENT))[0]?.payload).toMatchObject({ leaseMs: 7000 });
      expect((await store.listTrials(study?.id ?? -1)).filter((trial) => trial.state === 'complete')).toHaveLength(20);
    } finally {
      await store.close();
    }
  });

  it('search refuses --workers values it does not know, --lease without remote workers, and a private store', async () => {
    const base = ['search', '--problem', 'nb201/cifar10/pixel3', '--evals', '10', '--quiet'];
    const storage = `sqlite:${join(dir, 'search.db')}`;
    expect((await run(...base, '--storage', storage, '--workers', 'cloud')).stderr).toMatch(/--workers: unknown value "cloud".*local .*remote/s);
    expect((await run(...base, '--storage', storage, '--lease', '30')).stderr).toMatch(/--lease: .*add --workers remote/s);
    expect((await run(...base, '--storage', storage, '--workers', 'remote', '--lease', 'long')).stderr).toMatch(/--lease: expected a number of seconds/);
    const memory = await run(...base, '--storage', 'sqlite::memory:', '--workers', 'remote');
    expect(memory.code).toBe(2);
    expect(memory.stderr).toMatch(/--storage: sqlite::memory: is private/);
  });

  it('evaluates what a coordinator queues on the same SQLite file, then stops when the study is finished', async () => {
    const storage = `sqlite:${join(dir, 'shared.db')}`;
    const coordinator = run('search', '--problem', 'nb201/cifar10/pixel3', '--evals', '30', '--population', '10', '--seed', '1', '--study', 'shared', '--storage', storage, '--workers', 'remote', '--json');
    // The worker needs the study: wait until the coordinator created it (polling, no fixed sleep).
    const store = await openTrialStore(storage);
    try {
      for (let tries = 0; tries < 6000 && (await store.getStudy('shared')) === null; tries += 1) await new Promise((resolve) => setTimeout(resolve, 10));
      const worker = await run('worker', '--storage', storage, '--study', 'shared', '--batch', '4', '--worker', 'cli-worker');
      const search = await coordinator;
      expect(search.code, search.stderr).toBe(0);
      expect(worker.code, worker.stderr).toBe(0);
      expect(worker.stderr).toContain('stopped (the study is finished): 30 trials complete');
      expect(search.stderr).toContain('carve worker --storage');
      expect(JSON.parse(search.stdout).evaluations).toBe(30);
      const study = await store.getStudy('shared');
      const trials = await store.listTrials(study?.id ?? -1);
      expect(trials.every((trial) => trial.state === 'complete' && trial.worker === 'cli-worker')).toBe(true);
      const started = await store.listEvents(study?.id ?? -1, COORDINATOR_STARTED_EVENT);
      expect(started[0]?.payload).toMatchObject({ recipe: { problem: 'nb201/cifar10/pixel3', seed: 1, budget: 30 }, leaseMs: 60_000 });
      expect(await store.listEvents(study?.id ?? -1, STUDY_FINISHED_EVENT)).toHaveLength(1);
      expect((await store.listEvents(study?.id ?? -1, WORKER_BATCH_EVENT)).length).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });
});
