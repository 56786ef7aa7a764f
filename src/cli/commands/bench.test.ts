import { describe, expect, it } from 'vitest';
import { main } from '../main.js';
import type { CliOutput } from '../output.js';

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
});
