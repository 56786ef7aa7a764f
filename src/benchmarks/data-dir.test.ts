import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CarveError } from '../core/errors.js';
import { findProjectRoot, resolveDataDir, resolveDataFile } from './data-dir.js';

describe('findProjectRoot', () => {
  it('finds the folder whose package.json is named carve', () => {
    const root = findProjectRoot();
    expect(root).toBeDefined();
    const manifest = JSON.parse(readFileSync(join(root as string, 'package.json'), 'utf8')) as { name: string };
    expect(manifest.name).toBe('carve');
  });

  it('walks up from a deeper location (as from dist/benchmarks after a build)', () => {
    const root = findProjectRoot() as string;
    const deeper = pathToFileURL(join(root, 'dist', 'benchmarks', 'data-dir.js')).href;
    expect(findProjectRoot(deeper)).toBe(root);
  });

  it('gives undefined outside any carve package', () => {
    const folder = mkdtempSync(join(tmpdir(), 'carve-root-'));
    expect(findProjectRoot(pathToFileURL(join(folder, 'x.js')).href)).toBeUndefined();
  });
});

describe('resolveDataDir', () => {
  it('uses CARVE_DATA when set', () => {
    const folder = mkdtempSync(join(tmpdir(), 'carve-data-'));
    expect(resolveDataDir({ CARVE_DATA: folder })).toBe(folder);
  });

  it('defaults to ../shared/datasets beside the project root (NOT_FOUND naming it when a clone has none)', () => {
    const expected = join(findProjectRoot() as string, '..', 'shared', 'datasets');
    if (existsSync(expected)) {
      expect(resolveDataDir({})).toBe(expected);
    } else {
      expect(() => resolveDataDir({})).toThrow(expected);
    }
  });

  it('is NOT_FOUND naming the path and CARVE_DATA when the folder is missing', () => {
    const missing = join(tmpdir(), 'carve-no-such-folder-9f3a');
    try {
      resolveDataDir({ CARVE_DATA: missing });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CarveError);
      const carveError = error as CarveError;
      expect(carveError.code).toBe('NOT_FOUND');
      expect(carveError.message).toContain(missing);
      expect(carveError.describe()).toContain('CARVE_DATA');
    }
  });
});

describe('resolveDataFile', () => {
  it('returns an existing file and is NOT_FOUND naming a missing one', () => {
    const dataDir = resolveDataDir(process.env);
    expect(resolveDataFile('nb201_hw/nb201_acc_latency.csv', dataDir)).toBe(join(dataDir, 'nb201_hw', 'nb201_acc_latency.csv'));
    expect(() => resolveDataFile('nb201_hw/missing.csv', dataDir)).toThrow(/nb201_hw\/missing\.csv does not exist/);
    try {
      resolveDataFile('nb201_hw/missing.csv', dataDir);
    } catch (error) {
      expect((error as CarveError).code).toBe('NOT_FOUND');
      expect((error as CarveError).hint).toContain('CARVE_DATA');
    }
  });
});
