// Where the Python helper (carve_evaluator.py) lives and how to read it, for `carve evaluator-helper`.

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CarveError } from '../../core/errors.js';

/** The helper's own version (its __version__); a test keeps the two equal. */
export const PYTHON_HELPER_VERSION = '1.0.0';
export const PYTHON_HELPER_FILE = 'carve_evaluator.py';

/**
 * Absolute path of python/carve_evaluator.py. This module sits three folders below the package root both as
 * source (src/evaluators/external) and compiled (dist/evaluators/external), so one relative path serves both.
 */
export function pythonHelperPath(): string {
  return fileURLToPath(new URL(`../../../python/${PYTHON_HELPER_FILE}`, import.meta.url));
}

/** The helper's source text. */
export function readPythonHelper(): string {
  const path = pythonHelperPath();
  if (!existsSync(path)) {
    throw new CarveError('NOT_FOUND', `the Python helper is missing from this installation (looked for ${path})`, {
      hint: 'reinstall carve; the package must ship its python/ folder',
    });
  }
  return readFileSync(path, 'utf8');
}
