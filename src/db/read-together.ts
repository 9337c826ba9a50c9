import { sql, type SQL } from 'drizzle-orm';
import type { Database } from './client.ts';
import { queryRows } from './raw.ts';

/**
 * A read that yields one JSON value (a scalar subquery), and how to turn it into data. Reads that
 * do not depend on each other can then share one statement (`readTogether`): on the 2-core bench
 * machine every round trip cost CPU on both sides plus two context switches, so the hottest
 * requests read everything they need at once.
 */
export interface JsonRead<T> {
  json: SQL;
  decode(value: unknown): T;
}

type Decoded<R> = { [K in keyof R]: R[K] extends JsonRead<infer T> ? T : never };

export async function readTogether<R extends Record<string, JsonRead<unknown>>>(
  db: Database,
  reads: R,
): Promise<Decoded<R>> {
  const keys = Object.keys(reads);
  const columns = keys.map((key) => sql`(${reads[key]?.json}) AS ${sql.identifier(key)}`);
  const [row] = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT ${sql.join(columns, sql`, `)}`,
  );
  return Object.fromEntries(
    keys.map((key) => [key, reads[key]?.decode(row?.[key] ?? null)]),
  ) as Decoded<R>;
}

export async function readOne<T>(db: Database, read: JsonRead<T>): Promise<T> {
  return (await readTogether(db, { value: read })).value;
}
