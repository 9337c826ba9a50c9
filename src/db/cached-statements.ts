import { sql, type Query, type SQL, type SQLWrapper } from 'drizzle-orm';
import { PgDialect, type PgPreparedQuery, type PreparedQueryConfig } from 'drizzle-orm/pg-core';
import type { Database } from './client.ts';

/**
 * Statements whose text is built once. The SQL is written with Drizzle's `sql` and a slot
 * wherever a value goes; the text is built the first time and kept, so a request only binds its
 * values. Building the text on every request was a fifth of the server's CPU in a ticket rush
 * (bench/rush). Everything that varies must be a value: what `build` does with one call is what
 * every later call runs.
 */
export type Slots<V> = { readonly [K in keyof V]: SQLWrapper };

/** Slots named `<prefix>.<name>`, so that several reads can share one statement. */
export function slotsFor<V>(prefix: string): Slots<V> {
  return new Proxy({} as Slots<V>, {
    get: (_, name) => sql.placeholder(`${prefix}${String(name)}`),
  });
}

const dialect = new PgDialect();
const texts = new Map<string, Query>();

type Prepared = PgPreparedQuery<PreparedQueryConfig>;
// Per driver session (the pool, PGlite, or one transaction's client): Drizzle's prepared query
// holds the client it runs on.
const prepared = new WeakMap<object, Map<string, Prepared>>();

function preparedFor(db: Database, key: string, build: () => SQL): Prepared {
  const session = db._.session;
  let bySession = prepared.get(session);
  if (!bySession) {
    bySession = new Map();
    prepared.set(session, bySession);
  }
  let statement = bySession.get(key);
  if (!statement) {
    let text = texts.get(key);
    if (!text) {
      text = dialect.sqlToQuery(build());
      texts.set(key, text);
    }
    statement = session.prepareQuery(text, undefined, undefined, false);
    bySession.set(key, statement);
  }
  return statement;
}

/** Runs the statement `key` names (built by `build` the first time) with slot values. */
export async function runCached<Row>(
  db: Database,
  key: string,
  build: () => SQL,
  values: Record<string, unknown>,
): Promise<Row[]> {
  const result = (await preparedFor(db, key, build).execute(values)) as { rows: Row[] };
  return result.rows;
}

const statements: Array<() => SQL> = [];

/** Every statement defined so far: a test prepares each against the migrated schema. */
export function definedStatements(): ReadonlyArray<() => SQL> {
  return statements;
}

/** A statement written once with slots; call it with the database and the slot values. */
export function defineStatement<V extends Record<string, unknown>, Row>(
  build: (slots: Slots<V>) => SQL,
): (db: Database, values: V) => Promise<Row[]> {
  statements.push(() => build(slotsFor<V>('')));
  const key = `statement ${statements.length}`;
  return (db, values) => runCached<Row>(db, key, () => build(slotsFor<V>('')), values);
}
