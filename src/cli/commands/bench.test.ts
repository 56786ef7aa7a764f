import { describe, expect, it } from 'vitest';
import { main } from '../main.js';
import type { CliOutput } from '../output.js';
import { parseStopAt } from './bench.js';

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const outLines: string[] = [];
  const errLines: string[] = [];
  const output: CliOutput = { out: (text) => outLines.push(text), err: (text) => errLines.push(text), isTTY: false, stderr: null };
  const code = await main(['node', 'carve', ...args], output);
  return { code, stdout: outLines.join('\n'), stderr: errLines.join('\n') };
}

describe('carve bench', () => {
  it('passes --tactic-options to the tactic and runs the cost-aware track', async () => {
    const result = await run(
      'bench', '--problem', 'nb201/cifar10/eyeriss', '--tactic', 'carve,carve:cost-aware', '--seeds', '1', '--budget', '40',
      '--parallel', '1', '--quiet', '--tactic-options', '{"batchSize":20,"innerEvaluations":200}',
    );
    expect(result.code, result.stderr).toBe(0);
    const rows = result.stdout.split('\n').filter((line) => line.startsWith('| carve'));
    expect(rows).toHaveLength(2);
    // 40 unique evaluations each; only the cost-aware row counts cheap queries.
    expect(rows[0]?.split(' | ')[10]).toBe('40');
    expect(rows[0]?.trim().endsWith('| - |')).toBe(true);
    expect(Number(rows[1]?.split(' | ')[13]?.replace(' |', ''))).toBeGreaterThanOrEqual(200);
  });

  it('refuses tactic options that are not a JSON object, or that the tactic does not have, naming the flag', async () => {
    const notObject = await run('bench', '--problem', 'nb201/cifar10/eyeriss', '--tactic', 'carve', '--tactic-options', '[1]');
    expect(notObject.code).toBe(2);
    expect(notObject.stderr).toContain('--tactic-options');
    const unknown = await run('bench', '--problem', 'nb201/cifar10/eyeriss', '--tactic', 'carve', '--seeds', '1', '--budget', '20', '--parallel', '1', '--tactic-options', '{"nope":1}');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('tacticOptions.nope');
  });

  it('--first-seed runs the seeds from there on and writes them into the traces and the summary', async () => {
    const { mkdtempSync, readdirSync, readFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'carve-first-seed-'));
    try {
      const args = ['bench', '--problem', 'nb201/cifar10/eyeriss', '--tactic', 'random', '--seeds', '2', '--budget', '15', '--parallel', '1', '--quiet'];
      const shifted = await run(...args, '--first-seed', '7', '--out', dir);
      expect(shifted.code, shifted.stderr).toBe(0);
      expect(readdirSync(join(dir, 'traces')).sort()).toEqual(['nb201_cifar10_eyeriss__random__seed7.csv', 'nb201_cifar10_eyeriss__random__seed8.csv']);
      expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toContain('seeds 7-8');
      expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toContain('--first-seed 7');
      const bad = await run(...args, '--first-seed', '-1');
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--first-seed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--stop-at takes a level name or a share, stops the runs there and refuses anything else naming the flag', async () => {
    expect(parseStopAt('E99')).toBe(0.99);
    expect(parseStopAt('e99.5')).toBeCloseTo(0.995, 12);
    expect(parseStopAt('0.95')).toBe(0.95);
    for (const bad of ['E0', 'E150', '1.5', 'soon', '']) expect(() => parseStopAt(bad), bad).toThrow(/not a level/);
    const refused = await run('bench', '--problem', 'nb201/cifar10/eyeriss', '--tactic', 'nsga2', '--stop-at', 'E200');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--stop-at');
    const stopped = await run('bench', '--problem', 'nb201/cifar10/eyeriss', '--tactic', 'nsga2', '--seeds', '1', '--budget', '500', '--parallel', '1', '--quiet', '--stop-at', 'E95');
    expect(stopped.code, stopped.stderr).toBe(0);
    const row = stopped.stdout.split('\n').find((line) => line.startsWith('| nsga2'));
    const cells = row?.split(' | ') ?? [];
    expect(cells[1]).not.toBe('not measured');
    expect(cells[2]).toBe('not measured');
    expect(Number(cells[10])).toBeLessThan(500); // unique evaluations: the run stopped early
  });
});
