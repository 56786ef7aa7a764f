import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PYTHON_HELPER_VERSION, pythonHelperPath, readPythonHelper } from './python-helper.js';
import { HELPER_DIR, PYTHON } from './testing/toy-study.js';

describe('the Python helper', () => {
  it('is found beside the package and carries the version carve announces', () => {
    expect(pythonHelperPath().endsWith('/python/carve_evaluator.py')).toBe(true);
    const text = readPythonHelper();
    expect(text).toMatch(/^"""Serve a Python evaluation function to carve/);
    expect(text).toContain(`__version__ = "${PYTHON_HELPER_VERSION}"`);
    expect(text).toContain('PROTOCOL = 1');
  });

  it('imports the standard library only (no torch, no numpy)', () => {
    const imported = [...readPythonHelper().matchAll(/^(?:import|from) ([A-Za-z_.]+)/gm)].map((match) => (match[1] as string).split('.')[0]);
    expect(new Set(imported)).toEqual(new Set(['http', 'json', 'math', 'os', 'sys', 'threading', 'traceback']));
  });

  it('passes its own unit tests under the system python3', () => {
    const run = spawnSync(PYTHON, ['-m', 'unittest', '-q', 'test_carve_evaluator'], {
      cwd: HELPER_DIR,
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.stderr).toMatch(/Ran \d+ tests/);
    expect(run.status, run.stderr).toBe(0);
  });

  it('explains itself when run directly instead of imported', () => {
    const run = spawnSync(PYTHON, [pythonHelperPath()], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`carve_evaluator ${PYTHON_HELPER_VERSION} speaks protocol 1`);
  });
});
