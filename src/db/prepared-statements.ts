import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * Most of PostgreSQL's work on a short statement is parsing and planning it: measured on the
 * 2-core bench machine, a session lookup cost 150–200 µs of server CPU unnamed and about 50 µs
 * as a named prepared statement. node-postgres prepares a statement once per connection when the
 * query carries a `name`, so this client names every parameterised query after a hash of its
 * text. That is what asyncpg and postgres.js do by default.
 *
 * Only queries with parameters are named: parameterless text may hold several statements, which
 * PostgreSQL cannot prepare, and gains nothing. A connection keeps at most `MAX_NAMED` statements
 * (server memory); texts seen after that run unnamed. Behind a pooler in transaction mode without
 * prepared-statement support, set `DATABASE_PREPARED_STATEMENTS=false`.
 */
const MAX_NAMED = 1000;

interface QueryConfigLike {
  text?: unknown;
  name?: unknown;
  values?: unknown;
}

function hasParameters(config: QueryConfigLike, values: unknown): boolean {
  const list = Array.isArray(values) ? values : config.values;
  return Array.isArray(list) && list.length > 0;
}

// Hashing every query's text showed up in the profile; the texts are few.
const names = new Map<string, string>();

export function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `ly_${createHash('sha1').update(text).digest('base64url')}`;
    if (names.size >= MAX_NAMED * 10) names.clear();
    names.set(text, name);
  }
  return name;
}

export class PreparingClient extends pg.Client {
  // One connection's named statements; node-postgres itself skips the Parse for names it has seen.
  readonly #named = new Set<string>();

  // The signature is node-postgres' overloaded one; only object configs with parameters change.
  override query(...args: unknown[]): never {
    const [config, values] = args;
    const query: QueryConfigLike | null =
      typeof config === 'string'
        ? { text: config }
        : config && typeof config === 'object' && !('submit' in config)
          ? (config as QueryConfigLike)
          : null;
    if (query) {
      if (typeof query.text === 'string' && !query.name && hasParameters(query, values)) {
        const name = statementName(query.text);
        if (this.#named.has(name) || this.#named.size < MAX_NAMED) {
          this.#named.add(name);
          args[0] = { ...query, name };
        }
      }
    }
    return (super.query as (...a: unknown[]) => never)(...args);
  }
}
