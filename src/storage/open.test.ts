// openTrialStore: picks the backend from the location and returns it initialised.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isCarveError } from '../core/errors.js';
import { LATEST_SCHEMA_VERSION } from './migrations.js';
import { openTrialStore } from './open.js';

const directory = mkdtempSync(path.join(tmpdir(), 'carve-open-'));

describe('openTrialStore', () => {
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('opens and initialises a SQLite file, creating its directory, from a relative sqlite: URL', async () => {
    const store = await openTrialStore('sqlite:runs/a/carve.db', { baseDir: directory });
    try {
      expect(store.kind).toBe('sqlite');
      expect(store.location).toBe(path.join(directory, 'runs', 'a', 'carve.db'));
      expect(existsSync(store.location)).toBe(true);
      expect(await store.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    } finally {
      await store.close();
    }
  });

  it('opens a bare .db path and an in-memory database', async () => {
    const file = await openTrialStore(path.join(directory, 'bare.db'));
    const memory = await openTrialStore('sqlite::memory:');
    try {
      expect(file.kind).toBe('sqlite');
      expect(memory.location).toBe(':memory:');
      expect(await memory.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    } finally {
      await Promise.all([file.close(), memory.close()]);
    }
  });

  it('refuses an unknown scheme with BAD_INPUT on --storage', async () => {
    const error = await openTrialStore('redis://localhost/0').catch((caught: unknown) => caught);
    expect(isCarveError(error) && [error.code, error.field]).toEqual(['BAD_INPUT', '--storage']);
  });

  it('readOnly: refuses a missing SQLite file without creating it, reads an existing store without migrating it', async () => {
    const missing = path.join(directory, 'ro', 'missing.db');
    const refused = await openTrialStore(`sqlite:${missing}`, { readOnly: true }).catch((error: unknown) => error);
    expect(isCarveError(refused) && refused.field === '--storage' && /no SQLite file/.test(refused.message)).toBe(true);
    expect(existsSync(missing)).toBe(false);
    const file = path.join(directory, 'ro.db');
    const writer = await openTrialStore(`sqlite:${file}`);
    await writer.createStudy('seen', { seed: 1 });
    const reader = await openTrialStore(`sqlite:${file}`, { readOnly: true });
    try {
      expect((await reader.listStudies()).map((study) => study.name)).toEqual(['seen']);
    } finally {
      await reader.close();
      await writer.close();
    }
  });
});
