import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProcessEvaluator } from './process-evaluator.js';
import { HELPER_DIR, PYTHON, scratchDir } from './testing/toy-study.js';

const DOC = readFileSync(fileURLToPath(new URL('../../../docs/evaluator-protocol.md', import.meta.url)), 'utf8');

/** The worked example's script and its documented session (request piped in, the lines it prints). */
function documentedExample(): { script: string; request: string; expectedStdout: string[] } {
  const script = /```python\n(# my_eval\.py[\s\S]*?)```/.exec(DOC)?.[1];
  const session = /```sh\n\$ printf '%s\\n' '(.*)' \| python3 my_eval\.py\n([\s\S]*?)```/.exec(DOC);
  if (script === undefined || session === null) throw new Error('the worked example is missing from docs/evaluator-protocol.md');
  const printed = (session[2] as string).trim().split('\n');
  // The last documented line is what the script writes to stderr.
  return { script, request: session[1] as string, expectedStdout: printed.slice(0, -1) };
}

describe('the worked example of docs/evaluator-protocol.md', () => {
  let scratch: ReturnType<typeof scratchDir>;
  beforeEach(() => {
    scratch = scratchDir();
  });
  afterEach(() => scratch.remove());

  it('prints exactly the documented handshake and answer', () => {
    const example = documentedExample();
    writeFileSync(join(scratch.path, 'my_eval.py'), example.script);
    const run = spawnSync(PYTHON, ['my_eval.py'], {
      cwd: scratch.path,
      input: `${example.request}\n`,
      env: { ...process.env, PYTHONPATH: HELPER_DIR, PYTHONDONTWRITEBYTECODE: '1' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.trim().split('\n')).toEqual(example.expectedStdout);
    expect(run.stderr).toContain('evaluated 10 blocks at 224 px');
  });

  it('works as a ProcessEvaluator under the documented id', async () => {
    const example = documentedExample();
    writeFileSync(join(scratch.path, 'my_eval.py'), example.script);
    const evaluator = await ProcessEvaluator.start({ command: [PYTHON, 'my_eval.py'], cwd: scratch.path, env: { PYTHONPATH: HELPER_DIR, PYTHONDONTWRITEBYTECODE: '1' } });
    try {
      expect(evaluator.id).toBe('external:toy-ofa-accuracy@1:cpu');
      const request = JSON.parse(example.request) as { candidates: { key: string; config: unknown }[] };
      const candidate = request.candidates[0] as { key: string; config: unknown };
      const [ok, failed] = await evaluator.evaluate([
        { key: candidate.key, genome: [], config: candidate.config },
        { key: 'empty', genome: [], config: { ks: [], e: [], d: [0, 0, 0, 0, 0], r: 224 } },
      ]);
      expect(ok).toEqual({ ok: true, values: { accuracy: 78.386 } });
      expect(failed).toEqual({ ok: false, reason: 'evaluator error: ValueError: a sub-network needs at least one block', retryable: false });
    } finally {
      await evaluator.close();
    }
  });
});
