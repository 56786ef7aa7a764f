// The migration list is well formed: versions 1..n without gaps, every step written for both backends.

import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, pendingMigrations } from './migrations.js';

describe('MIGRATIONS', () => {
  it('numbers versions 1, 2, 3 … in order, each with statements for both backends', () => {
    expect(MIGRATIONS.map((migration) => migration.version)).toEqual(
      Array.from({ length: MIGRATIONS.length }, (_, index) => index + 1),
    );
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
    for (const migration of MIGRATIONS) {
      expect(migration.description).not.toBe('');
      expect(migration.sqlite.length).toBeGreaterThan(0);
      expect(migration.postgres.length).toBeGreaterThan(0);
    }
  });

  it('lists only the migrations above the current version', () => {
    expect(pendingMigrations(0)).toEqual(MIGRATIONS);
    expect(pendingMigrations(LATEST_SCHEMA_VERSION)).toEqual([]);
  });
});
