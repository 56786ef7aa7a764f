// Parses the --storage location (sqlite:PATH, a .db file, postgres://…) into which backend to open and where.

import path from 'node:path';
import { badInput } from '../core/errors.js';

export type StorageTarget =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'postgres'; readonly connectionString: string; readonly schema: string | undefined };

export const STORAGE_FORMS_HINT =
  'use sqlite:PATH (e.g. sqlite:./carve.db or sqlite:///carve.db), a path ending in .db, .sqlite or .sqlite3, ' +
  'sqlite::memory:, or postgres://USER@HOST:PORT/DATABASE (postgresql:// too; add ?schema=NAME for a schema)';

const SQLITE_FILE = /\.(db|sqlite|sqlite3)$/i;

/** `baseDir` resolves relative SQLite paths (default: the working directory). */
export function parseStorageUrl(url: string, baseDir: string = process.cwd()): StorageTarget {
  const text = typeof url === 'string' ? url.trim() : '';
  if (text === '') throw badInput('--storage', 'no storage location given', STORAGE_FORMS_HINT);
  const lower = text.toLowerCase();
  if (lower.startsWith('postgres://') || lower.startsWith('postgresql://')) {
    let parsed: URL;
    try {
      parsed = new URL(text);
    } catch {
      throw badInput('--storage', `"${text}" is not a valid PostgreSQL URL`, STORAGE_FORMS_HINT);
    }
    const schema = parsed.searchParams.get('schema') ?? undefined;
    parsed.searchParams.delete('schema');
    return { kind: 'postgres', connectionString: parsed.toString(), schema };
  }
  if (lower.startsWith('sqlite:')) {
    let rest = text.slice('sqlite:'.length);
    if (rest === ':memory:' || rest === '//' || rest === '//:memory:') return { kind: 'sqlite', path: ':memory:' };
    // SQLAlchemy/Optuna spelling: sqlite:///relative.db and sqlite:////absolute.db.
    if (rest.startsWith('///')) rest = rest.slice(3);
    else if (rest.startsWith('//')) {
      throw badInput('--storage', `"${text}" names a host; SQLite needs a file path`, STORAGE_FORMS_HINT);
    }
    if (rest === '') throw badInput('--storage', 'sqlite: needs a file path after it', STORAGE_FORMS_HINT);
    return { kind: 'sqlite', path: path.resolve(baseDir, rest) };
  }
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text) && SQLITE_FILE.test(text)) {
    return { kind: 'sqlite', path: path.resolve(baseDir, text) };
  }
  throw badInput('--storage', `unknown storage location "${text}"`, STORAGE_FORMS_HINT);
}
