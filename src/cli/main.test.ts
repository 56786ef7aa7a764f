import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from './main.js';
import type { CliOutput } from './output.js';

function capture(): CliOutput & { outLines: string[]; errLines: string[] } {
  const outLines: string[] = [];
  const errLines: string[] = [];
  return { outLines, errLines, out: (text) => outLines.push(text), err: (text) => errLines.push(text), isTTY: false, stderr: null };
}

const dir = mkdtempSync(join(tmpdir(), 'carve-cli-'));
const storage = `sqlite:${join(dir, 'cli.db')}`;

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const output = capture();
  const code = await main(['node', 'carve', ...args], output);
  return { code, stdout: output.outLines.join('\n'), stderr: output.errLines.join('\n') };
}

describe('carve CLI', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints help with exit code 0', async () => {
    const result = await run('--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('search');
    expect(result.stdout).toContain('report');
    const searchHelp = await run('search', '--help');
    expect(searchHelp.code).toBe(0);
    expect(searchHelp.stdout).toContain('--storage');
  });

  it('searches a real problem and writes a report', async () => {
    const search = await run('search', '--problem', 'nb201/cifar10/pixel3', '--evals', '60', '--population', '20', '--study', 'cli', '--storage', storage);
    expect(search.code, search.stderr).toBe(0);
    expect(search.stdout).toContain('Pareto front');
    expect(search.stderr).toContain('evaluations 60/60');
    const again = await run('search', '--problem', 'nb201/cifar10/pixel3', '--evals', '60', '--population', '20', '--study', 'cli', '--storage', storage);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('resuming');
    const out = join(dir, 'report');
    const report = await run('report', '--study', 'cli', '--storage', storage, '--out', out);
    expect(report.code, report.stderr).toBe(0);
    for (const file of ['front.csv', 'front.json', 'trials.csv', 'trials.json', 'pareto.svg', 'pareto.png', 'report.html']) {
      expect(existsSync(join(out, file)), file).toBe(true);
    }
    const studies = await run('studies', '--storage', storage);
    expect(studies.stdout).toContain('cli\tnb201/cifar10/pixel3\tcarve');
  });

  it.each([
    [['search'], '--problem'],
    [['search', '--problem', 'nb201/cifar10/pixel3', '--evals', 'ten'], '--evals'],
    [['search', '--problem', 'nb201/cifar10/pixel3', '--evals', '0'], '--evals'],
    [['search', '--problem', 'nb201/cifar11/pixel3'], 'cifar11'],
    [['search', '--problem', 'nb201/cifar10/pixel3', '--tactic', 'magic'], '--tactic'],
    [['search', '--problem', 'nb201/cifar10/pixel3', '--storage', 'mysql://x'], '--storage'],
    [['search', '--problem', 'nb201/cifar10/pixel3', '--objectives', 'error,energy'], 'energy'],
    [['search', '--problem', 'nb201/cifar10/pixel3', '--constraint', 'latency_ms<'], '--constraint'],
    [['report', '--study', 'nope', '--out', join(dir, 'x'), '--storage', storage], 'nope'],
    [['search', '--config', join(dir, 'missing.yaml')], '--config'],
  ])('bad input %j exits 2 naming %s', async (args, needle) => {
    const result = await run(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(needle);
  });

  it('rejects unknown keys in a config file, naming the key', async () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'problem: nb201/cifar10/pixel3\npopulaton: 20\n');
    const result = await run('search', '--config', file, '--storage', storage);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('populaton');
  });

  it('reads settings from a config file', async () => {
    const file = join(dir, 'good.yaml');
    writeFileSync(file, 'problem: nb201/cifar10/eyeriss\ntactic: random\nevals: 30\npopulation: 10\nseed: 3\nstudy: fromfile\nconstraints: [latency_ms<=5]\n');
    const result = await run('search', '--config', file, '--storage', storage, '--json');
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as { evaluations: number; front: { values: Record<string, number> }[] };
    expect(summary.evaluations).toBe(30);
    for (const member of summary.front) expect(member.values['latency_ms']).toBeLessThanOrEqual(5);
  });

  it('refuses to resume with a different seed (exit 2)', async () => {
    const result = await run('search', '--problem', 'nb201/cifar10/pixel3', '--evals', '60', '--population', '20', '--study', 'cli', '--seed', '5', '--storage', storage);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--seed');
  });
});
