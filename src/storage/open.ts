// Opens and initialises the TrialStore a storage location names, loading only that backend's driver.

import { parseStorageUrl } from './storage-url.js';
import type { TrialStore } from './types.js';

export interface OpenTrialStoreOptions {
  /** Source of timestamps (default: the system clock). */
  readonly clock?: () => Date;
  /** Resolves relative SQLite paths (default: the working directory). */
  readonly baseDir?: string;
}

/**
 * Opens the store at `url` (see STORAGE_FORMS_HINT) and brings its schema up to date. BAD_INPUT with field
 * `--storage` for a location it cannot read; STORAGE if the database cannot be reached or migrated.
 */
export async function openTrialStore(url: string, options: OpenTrialStoreOptions = {}): Promise<TrialStore> {
  const target = parseStorageUrl(url, options.baseDir);
  const clock = options.clock === undefined ? {} : { clock: options.clock };
  let store: TrialStore;
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
    await store.init();
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
  return store;
}
