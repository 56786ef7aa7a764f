// Public names of the storage layer; the backends' classes load their drivers, so they are reached via openTrialStore.

export type {
  ExpiredTrial,
  MeasurementRecord,
  NewMeasurement,
  NewTrial,
  StudyEvent,
  StudyRecord,
  TrialRecord,
  TrialState,
  TrialStore,
} from './types.js';
export { openTrialStore, type OpenTrialStoreOptions } from './open.js';
export { parseStorageUrl, STORAGE_FORMS_HINT, type StorageTarget } from './storage-url.js';
export { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations.js';
export { TRIAL_STATES } from './store-input.js';
export type { SqliteTrialStoreOptions } from './sqlite/sqlite-trial-store.js';
export type { PostgresTrialStoreOptions } from './postgres/postgres-trial-store.js';
