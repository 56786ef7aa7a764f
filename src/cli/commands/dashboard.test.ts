// `carve dashboard`: flag errors that name the flag and the fix, and a real run stopped like Ctrl-C would.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTrialStore } from '../../storage/index.js';
import { main } from '../main.js';
import type { CliOutput } from '../output.js';
import { runDashboard } from './dashboard.js';
import type { RunningDashboard } from '../../dashboard/server.js';

function capture(): CliOutput & { outLines: string[]; errLines: string[] } {
  const outLines: string[] = [];
  const errLines: string[] = [];
  return { outLines, errLines, out: (text) => outLines.push(text), err: (text) => errLines.push(text), isTTY: false, stderr: null };
}

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const output = capture();
  const code = await main(['node', 'carve', ...args], output);
  return { code, stdout: output.outLines.join('\n'), stderr: output.errLines.join('\n') };
}

describe('carve dashboard', () => {
  const dir = mkdtempSync(join(tmpdir(), 'carve-dashboard-cli-'));
  const file = join(dir, 'store.db');
  beforeAll(async () => {
    const store = await openTrialStore(`sqlite:${file}`);
    await store.createStudy('one', { formatVersion: 1, problem: null, objectives: [], tactic: 'random', tacticOptions: {}, seed: 0, populationSize: 1, budget: 3 });
    await store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('explains itself in --help', async () => {
    const help = await run('dashboard', '--help');
    expect(help.code).toBe(0);
    for (const flag of ['--storage', '--port', '--host', '--refresh']) expect(help.stdout).toContain(flag);
  });

  it('rejects a port out of range or not a number, naming --port', async () => {
    for (const port of ['70000', '-1', 'http']) {
      const result = await run('dashboard', '--storage', `sqlite:${file}`, '--port', port);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^carve: error: --port: /);
      expect(result.stderr).toContain('fix:');
    }
  });

  it('rejects an unknown storage URL and a missing SQLite file without creating it, naming --storage', async () => {
    const unknown = await run('dashboard', '--storage', 'mysql://db/carve');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^carve: error: --storage: unknown storage location/);
    const missing = join(dir, 'nowhere', 'missing.db');
    const absent = await run('dashboard', '--storage', `sqlite:${missing}`);
    expect(absent.code).toBe(2);
    expect(absent.stderr).toContain(`--storage: no SQLite file at ${missing}`);
    expect(absent.stderr).toContain('fix:');
    expect(existsSync(missing)).toBe(false);
  });

  it('rejects a too short --refresh', async () => {
    const result = await run('dashboard', '--storage', `sqlite:${file}`, '--refresh', '0');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^carve: error: --refresh: must be at least 0.5 s/);
  });

  it('names --port when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const result = await run('dashboard', '--storage', `sqlite:${file}`, '--port', String(port));
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`--port: port ${port} is already in use`);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('serves until stopped, then closes the server and the store', async () => {
    const output = capture();
    const controller = new AbortController();
    let running: RunningDashboard | undefined;
    const listening = new Promise<RunningDashboard>((resolve) => {
      void runDashboard({ storage: `sqlite:${file}`, port: '0', refresh: '2' }, output, {
        signal: controller.signal,
        onListening: (dashboard) => resolve(dashboard),
      }).then(() => output.out('returned'));
    });
    running = await listening;
    const api = (await (await fetch(`${running.url}/api/studies`)).json()) as { studies: { name: string }[] };
    expect(api.studies.map((study) => study.name)).toEqual(['one']);
    expect(await (await fetch(`${running.url}/`)).text()).toContain('every 2 s');
    controller.abort();
    await expect.poll(() => output.outLines.includes('returned')).toBe(true);
    expect(output.outLines[0]).toContain(`at ${running.url}/`);
    expect(output.errLines).toContain('dashboard stopped');
    await expect(fetch(`${running.url}/`)).rejects.toThrow();
  });
});
