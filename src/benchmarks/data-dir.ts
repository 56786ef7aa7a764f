// Where the real measured data lives: CARVE_DATA, else ../shared/datasets next to the project root.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CarveError } from '../core/errors.js';

const PACKAGE_NAME = 'carve';
const SET_DATA_HINT = 'set CARVE_DATA to the folder holding the datasets (e.g. export CARVE_DATA=/path/to/shared/datasets)';

function isCarvePackageFolder(folder: string): boolean {
  const manifest = join(folder, 'package.json');
  if (!existsSync(manifest)) return false;
  try {
    const parsed: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
    return typeof parsed === 'object' && parsed !== null && (parsed as { name?: unknown }).name === PACKAGE_NAME;
  } catch {
    // An unreadable manifest belongs to some other package; keep walking up.
    return false;
  }
}

/**
 * The folder holding carve's package.json, found by walking up from `fromUrl` (this module by default),
 * so it works from src/ under the test runner and from dist/ after a build alike.
 */
export function findProjectRoot(fromUrl: string = import.meta.url): string | undefined {
  let folder = dirname(fileURLToPath(fromUrl));
  for (;;) {
    if (isCarvePackageFolder(folder)) return folder;
    const parent = dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

let defaultRoot: { root: string | undefined } | undefined;

/** The datasets folder: CARVE_DATA when set, else `<project root>/../shared/datasets`; NOT_FOUND when missing. */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env['CARVE_DATA'];
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    const folder = resolve(fromEnv);
    if (!isDirectory(folder)) {
      throw new CarveError('NOT_FOUND', `data folder ${folder} (from CARVE_DATA) does not exist`, {
        field: 'CARVE_DATA',
        hint: SET_DATA_HINT,
      });
    }
    return folder;
  }
  // The project root cannot move while the process runs: look it up once.
  defaultRoot ??= { root: findProjectRoot() };
  const root = defaultRoot.root;
  if (root === undefined) {
    throw new CarveError('NOT_FOUND', 'cannot locate the carve project root to find the default data folder', {
      field: 'CARVE_DATA',
      hint: SET_DATA_HINT,
    });
  }
  const folder = resolve(root, '..', 'shared', 'datasets');
  if (!isDirectory(folder)) {
    throw new CarveError('NOT_FOUND', `data folder ${folder} does not exist`, { field: 'CARVE_DATA', hint: SET_DATA_HINT });
  }
  return folder;
}

/** Absolute path of a file inside the data folder; NOT_FOUND naming the path when it is missing. */
export function resolveDataFile(relativePath: string, dataDir: string = resolveDataDir()): string {
  const path = resolve(dataDir, relativePath);
  let isFile = false;
  try {
    isFile = statSync(path).isFile();
  } catch {
    isFile = false;
  }
  if (!isFile) {
    throw new CarveError('NOT_FOUND', `data file ${path} does not exist`, { field: 'CARVE_DATA', hint: SET_DATA_HINT });
  }
  return path;
}
