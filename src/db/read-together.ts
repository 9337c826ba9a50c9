import { sql, type Query, type SQL, type SQLWrapper } from 'drizzle-orm';
import { PgDialect, type PgPreparedQuery, type PreparedQueryConfig } from 'drizzle-orm/pg-core';
import type { Database } from './client.ts';

/**
 * Reads that yield one JSON value each (a scalar subquery), so that reads which do not depend on
 * each other share one statement (`readTogether`): on the 2-core bench machine every round trip
 * cost CPU on both sides plus two context switches, so the hottest requests read everything they
 * need at once.
 *
 * A read is defined once as a *shape*: its SQL with a slot wherever a value goes. The text of a
 * combination of shapes is built the first time it is read and kept, so a request only binds its
 * values. Building the text with Drizzle's `sql` on every request was a fifth of the server's
 * CPU in a ticket rush.
 */
export type Slots<V> = { readonly [K in keyof V]: SQLWrapper };

interface ReadShape<T> {
  id: number;
  build(slots: Slots<Record<string, unknown>>): SQL;
  decode(value: unknown): T;
}

export interface JsonRead<T> {
  shape: ReadShape<T>;
  values: Readonly<Record<string, unknown>>;
}

let shapes = 0;

/**
 * A read whose SQL `build` writes with `slots.<name>` for each value. `build` runs once per
 * combination of reads, never per request, so everything that varies must be a value.
 */
export function defineRead<V extends Record<string, unknown>, T>(
  build: (slots: Slots<V>) => SQL,
  decode: (value: unknown) => T,
): (values: V) => JsonRead<T> {
  shapes += 1;
  const shape: ReadShape<T> = {
    id: shapes,
    build: build as (slots: Slots<Record<string, unknown>>) => SQL,
    decode,
  };
  return (values) => ({ shape, values });
}

/** A read of nothing, for a combination where one of the reads does not apply. */
export const NOTHING: JsonRead<null> = defineRead(
  () => sql`NULL`,
  () => null,
)({});

type Decoded<R> = { [K in keyof R]: R[K] extends JsonRead<infer T> ? T : never };

const dialect = new PgDialect();
const texts = new Map<string, Query>();

function slotsFor(key: string): Slots<Record<string, unknown>> {
  return new Proxy({} as Slots<Record<string, unknown>>, {
    get: (_, name) => sql.placeholder(`${key}.${String(name)}`),
  });
}

function textOf(
  combination: string,
  keys: readonly string[],
  reads: Record<string, JsonRead<unknown>>,
): Query {
  let query = texts.get(combination);
  if (!query) {
    const columns = keys.map(
      (key) => sql`(${reads[key]?.shape.build(slotsFor(key))}) AS ${sql.identifier(key)}`,
    );
    query = dialect.sqlToQuery(sql`SELECT ${sql.join(columns, sql`, `)}`);
    texts.set(combination, query);
  }
  return query;
}

type Prepared = PgPreparedQuery<PreparedQueryConfig>;
// Per driver session (the pool, PGlite, or one transaction's client): Drizzle's prepared query
// holds the client it runs on.
const prepared = new WeakMap<object, Map<string, Prepared>>();

function preparedFor(db: Database, combination: string, query: Query): Prepared {
  const session = db._.session;
  let bySession = prepared.get(session);
  if (!bySession) {
    bySession = new Map();
    prepared.set(session, bySession);
  }
  let statement = bySession.get(combination);
  if (!statement) {
    statement = session.prepareQuery(query, undefined, undefined, false);
    bySession.set(combination, statement);
  }
  return statement;
}

export async function readTogether<R extends Record<string, JsonRead<unknown>>>(
  db: Database,
  reads: R,
): Promise<Decoded<R>> {
  const keys = Object.keys(reads);
  const combination = keys.map((key) => `${key}:${reads[key]?.shape.id}`).join(',');
  const query = textOf(combination, keys, reads);
  const values: Record<string, unknown> = {};
  for (const key of keys) {
    for (const [name, value] of Object.entries(reads[key]?.values ?? {})) {
      values[`${key}.${name}`] = value;
    }
  }
  const result = (await preparedFor(db, combination, query).execute(values)) as {
    rows: Record<string, unknown>[];
  };
  const row = result.rows[0];
  return Object.fromEntries(
    keys.map((key) => [key, reads[key]?.shape.decode(row?.[key] ?? null)]),
  ) as Decoded<R>;
}

export async function readOne<T>(db: Database, read: JsonRead<T>): Promise<T> {
  return (await readTogether(db, { value: read })).value;
}
