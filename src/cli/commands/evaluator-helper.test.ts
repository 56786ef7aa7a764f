import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { readPythonHelper, pythonHelperPath } from '../../evaluators/external/index.js';
import type { CliOutput } from '../output.js';
import { registerEvaluatorHelper } from './evaluator-helper.js';

function capture(): { output: CliOutput; written: string[] } {
  const written: string[] = [];
  return { written, output: { out: (text) => written.push(text), err: (text) => written.push(`ERR ${text}`), isTTY: false, stderr: null } };
}

async function run(args: string[]): Promise<string[]> {
  const { output, written } = capture();
  const program = new Command().exitOverride();
  registerEvaluatorHelper(program, output);
  await program.parseAsync(['node', 'carve', 'evaluator-helper', ...args]);
  return written;
}

describe('carve evaluator-helper', () => {
  it('prints the helper file exactly', async () => {
    expect(await run([])).toEqual([readPythonHelper()]);
  });

  it('prints its path with --path', async () => {
    expect(await run(['--path'])).toEqual([pythonHelperPath()]);
  });
});
