// Opens and initialises the TrialStore a storage location names, loading only that backend's driver.

import { existsSync } from 'node:fs';
import { CarveError, badInput } from '../core/errors.js';
import { LATEST_SCHEMA_VERSION } from './migrations.js';
import { parseStorageUrl } from './storage-url.js';
import type { TrialStore } from './types.js';

export interface OpenTrialStoreOptions {
  /** Source of timestamps (default: the system clock). */
  readonly clock?: () => Date;
  /** Resolves relative SQLite paths (default: the working directory). */
  readonly baseDir?: string;
  /**
   * For readers (the dashboard): never create or migrate anything. A SQLite file must already exist and the
   * schema must already be current; BAD_INPUT with field `--storage` otherwise.
   */
  readonly readOnly?: boolean;
}

/**
 * Opens the store at `url` (see STORAGE_FORMS_HINT) and brings its schema up to date. BAD_INPUT with field
 * `--storage` for a location it cannot read; STORAGE if the database cannot be reached or migrated.
 */
export async function openTrialStore(url: string, options: OpenTrialStoreOptions = {}): Promise<TrialStore> {
  const target = parseStorageUrl(url, options.baseDir);
  const clock = options.clock === undefined ? {} : { clock: options.clock };
  let store: TrialStore;
  if (options.readOnly === true && target.kind === 'sqlite' && target.path !== ':memory:' && !existsSync(target.path)) {
    throw badInput('--storage', `no SQLite file at ${target.path}`, 'check the path, or create the store first with `carve search --storage sqlite:PATH …`');
  }
  if (target.kind === 'sqlite') {
    // Imported on demand so that a SQLite user never loads pg, and the reverse.
    const { SqliteTrialStore } = await import('./sqlite/sqlite-trial-store.js');
    store = new SqliteTrialStore(target.path, clock);
  } else {
    const { PostgresTrialStore } = await import('./postgres/postgres-trial-store.js');
    store = new PostgresTrialStore({
      connectionString: target.connectionString,
      ...(target.schema === undefined ? {} : { schema: target.schema }),
      ...clock,
    });
  }
  try {
    if (options.readOnly === true) await checkCurrentSchema(store);
    else await store.init();
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
  return store;
}

/** A reader leaves the schema alone: it must already be the one this carve writes. */
async function checkCurrentSchema(store: TrialStore): Promise<void> {
  const version = await store.schemaVersion();
  if (version === LATEST_SCHEMA_VERSION) return;
  if (version === 0) {
    throw badInput('--storage', `${store.location} holds no carve store`, 'point --storage at a store that `carve search` has written to');
  }
  throw new CarveError('STORAGE', `${store.location} has schema version ${version}; this carve reads version ${LATEST_SCHEMA_VERSION}`, {
    field: '--storage',
    hint: version < LATEST_SCHEMA_VERSION ? 'run any `carve search` or `carve worker` on it once to upgrade it' : 'upgrade carve',
  });
}
