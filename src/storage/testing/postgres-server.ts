// The PostgreSQL server tests run against: CARVE_TEST_POSTGRES_URL, else the local one on 127.0.0.1:5432.

import pg from 'pg';

export const explicitPostgresUrl = process.env['CARVE_TEST_POSTGRES_URL'];
export const testPostgresUrl = explicitPostgresUrl ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Whether the server answers. Without an explicit URL, a machine with no server skips the PostgreSQL tests
 * instead of failing them; with one, an unreachable server is an error.
 */
export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: testPostgresUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch (error) {
    if (explicitPostgresUrl !== undefined) throw error;
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
