// Known answers for parsing --storage locations.

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCarveError } from '../core/errors.js';
import { parseStorageUrl } from './storage-url.js';

const base = path.resolve('/work/project');

describe('parseStorageUrl', () => {
  it.each([
    ['sqlite:carve.db', path.join(base, 'carve.db')],
    ['sqlite:./runs/carve.db', path.join(base, 'runs', 'carve.db')],
    ['sqlite:/var/lib/carve/studies.db', path.resolve('/var/lib/carve/studies.db')],
    ['sqlite:///optuna-style.db', path.join(base, 'optuna-style.db')],
    ['sqlite:////abs/optuna-style.db', path.resolve('/abs/optuna-style.db')],
    ['runs/carve.db', path.join(base, 'runs', 'carve.db')],
    ['/tmp/x.sqlite', path.resolve('/tmp/x.sqlite')],
    ['X.SQLITE3', path.join(base, 'X.SQLITE3')],
    ['sqlite::memory:', ':memory:'],
  ])('reads %s as SQLite at %s', (url, expected) => {
    expect(parseStorageUrl(url, base)).toEqual({ kind: 'sqlite', path: expected });
  });

  it('reads PostgreSQL URLs, taking the schema out of the connection string', () => {
    expect(parseStorageUrl('postgres://carve:pw@db:5433/studies?schema=team_a&sslmode=require', base)).toEqual({
      kind: 'postgres',
      connectionString: 'postgres://carve:pw@db:5433/studies?sslmode=require',
      schema: 'team_a',
    });
    expect(parseStorageUrl('postgresql://root@127.0.0.1/test', base)).toEqual({
      kind: 'postgres',
      connectionString: 'postgresql://root@127.0.0.1/test',
      schema: undefined,
    });
  });

  it.each(['', 'mysql://root@localhost/db', 'carve.json', 'sqlite:', 'sqlite://host/file.db', 'http://x/y.db'])(
    'refuses %j with BAD_INPUT on --storage and the accepted forms',
    (url) => {
      let caught: unknown;
      try {
        parseStorageUrl(url, base);
      } catch (error) {
        caught = error;
      }
      expect(isCarveError(caught)).toBe(true);
      if (!isCarveError(caught)) return;
      expect(caught.code).toBe('BAD_INPUT');
      expect(caught.field).toBe('--storage');
      expect(caught.hint).toContain('sqlite:PATH');
      expect(caught.hint).toContain('postgres://');
    },
  );
});
