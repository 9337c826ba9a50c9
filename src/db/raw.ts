import type { SQL } from 'drizzle-orm';
import type { Database } from './client.ts';

/**
 * Runs hand-written SQL and returns its rows. Both drivers (node-postgres and PGlite) answer with
 * `{ rows }`; the row type is the caller's promise about the SELECT list.
 */
export async function queryRows<T>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
