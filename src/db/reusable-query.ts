import type { Database } from './client.ts';
import { isTransaction } from './locks.ts';

/**
 * A query that the hottest requests run (session, conference, cart), built and prepared once per
 * database handle instead of on every call: Drizzle's query builder cost about 160 µs of CPU per
 * query on the bench machine, more than PostgreSQL spent running a prepared one. Values go in as
 * `sql.placeholder`s. Inside a transaction the query is built for that transaction each time,
 * since a prepared query belongs to the handle it was built on.
 */
export function reusableQuery<Q>(build: (db: Database) => Q): (db: Database) => Q {
  const built = new WeakMap<Database, Q>();
  return (db) => {
    if (isTransaction(db)) return build(db);
    let query = built.get(db);
    if (!query) {
      query = build(db);
      built.set(db, query);
    }
    return query;
  };
}
