import {
  Column,
  getTableColumns,
  getTableName,
  is,
  sql,
  SQL,
  type InferSelectModel,
  type SQLWrapper,
} from 'drizzle-orm';
import { alias, type PgTable } from 'drizzle-orm/pg-core';

/**
 * JSON built from the Drizzle schema, for the fast reads that carry a whole answer in one JSON
 * value (read-together.ts) or one statement. Every column is referenced through its Drizzle
 * object and every JSON key is a TypeScript key, so renaming or removing a column makes
 * `npm run typecheck` fail where a read uses it (STYLE §13), and each value is decoded with the
 * column's own mapper, as the query builder would decode it.
 */

/** SQL that yields one JSON value, and how to turn that value back into data. */
export interface JsonShape<T> extends SQLWrapper {
  decode(value: unknown): T;
}

/** The data a shape decodes to. */
export type JsonValueOf<S> = S extends JsonShape<infer T> ? T : never;

/**
 * What a JSON object can hold: a column, a typed SQL expression (`sql<T>`, whose JSON is taken as
 * it comes), or a nested shape.
 */
export type JsonField = Column | SQL | SQL.Aliased | JsonShape<unknown>;
type JsonFields = Record<string, JsonField>;

type ColumnValue<C extends Column> = C['_']['notNull'] extends true
  ? C['_']['data']
  : C['_']['data'] | null;

type FieldValue<F> = F extends Column
  ? ColumnValue<F>
  : F extends JsonShape<infer T>
    ? T
    : F extends SQL<infer T> | SQL.Aliased<infer T>
      ? T
      : never;

export type JsonObjectOf<F extends JsonFields> = { [K in keyof F]: FieldValue<F[K]> };

function isShape(field: JsonField): field is JsonShape<unknown> {
  return 'decode' in field;
}

function decodeField(field: JsonField, value: unknown): unknown {
  if (isShape(field)) return field.decode(value);
  if (is(field, Column)) {
    // JSON columns arrive as JSON already; parsing them again would turn a JSON string into data.
    return value === null || field.dataType === 'json' ? value : field.mapFromDriverValue(value);
  }
  // An expression's JSON is its value (`sql<T>` states which); one needing more is a JsonShape.
  return value;
}

// jsonb_build_object takes at most 100 arguments; wider objects are joined with `||`.
const PAIRS_PER_CALL = 50;

function buildObject(fields: JsonFields): SQL {
  const pairs = Object.entries(fields).map(
    ([key, field]) => sql`${sql.raw(`'${key}'`)}, ${is(field, SQL.Aliased) ? field.sql : field}`,
  );
  const calls: SQL[] = [];
  for (let at = 0; at < pairs.length; at += PAIRS_PER_CALL) {
    calls.push(sql`jsonb_build_object(${sql.join(pairs.slice(at, at + PAIRS_PER_CALL), sql`, `)})`);
  }
  return calls.length === 1 ? calls[0]! : sql`(${sql.join(calls, sql` || `)})`;
}

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `jsonb_build_object('key', field, ...)`, decoded back field by field. */
export function jsonObject<F extends JsonFields>(fields: F): JsonShape<JsonObjectOf<F>> {
  for (const key of Object.keys(fields)) {
    // Keys are written into the SQL text; only identifiers ever are.
    if (!KEY.test(key)) throw new Error(`JSON key ${key} is not an identifier`);
  }
  const built = buildObject(fields);
  return {
    getSQL: () => built,
    decode(value) {
      if (value === null || typeof value !== 'object') {
        throw new Error(`expected a JSON object, got ${value === null ? 'null' : typeof value}`);
      }
      const record = value as Record<string, unknown>;
      const decoded: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(fields)) {
        if (!(key in record)) throw new Error(`${key} missing from a JSON object`);
        decoded[key] = decodeField(field, record[key]);
      }
      return decoded as JsonObjectOf<F>;
    },
  };
}

/** A whole row of `table` (or of its alias), as Drizzle's `select()` would return it. */
export function jsonRow<T extends PgTable>(table: T): JsonShape<InferSelectModel<T>> {
  return jsonObject(getTableColumns(table)) as JsonShape<InferSelectModel<T>>;
}

/** `shape`, or NULL when `present` (e.g. the key of an outer-joined row) is NULL. */
export function orNull<T>(shape: JsonShape<T>, present: Column): JsonShape<T | null> {
  const built = sql`CASE WHEN ${present} IS NULL THEN NULL ELSE ${shape} END`;
  return {
    getSQL: () => built,
    decode: (value) => (value === null || value === undefined ? null : shape.decode(value)),
  };
}

/** `shape` as a scalar subquery yields it: NULL when no row matched. */
export function maybeOne<T>(shape: JsonShape<T>): JsonShape<T | null> {
  return {
    getSQL: () => shape.getSQL(),
    decode: (value) => (value === null || value === undefined ? null : shape.decode(value)),
  };
}

/**
 * SQL that yields `shape`'s JSON some other way (a subquery selecting it, a column of a derived
 * table), decoded as `shape`.
 */
export function jsonFrom<T>(shape: JsonShape<T>, expression: SQL): JsonShape<T> {
  const built = sql`(${expression})`;
  return { getSQL: () => built, decode: (value) => shape.decode(value) };
}

/** The rows' `shape`s as one JSON array (`[]` for none), to embed as `SELECT ${array} FROM …`. */
export function jsonArray<T>(shape: JsonShape<T>, orderBy?: SQL): JsonShape<T[]> {
  const order = orderBy ? sql` ORDER BY ${orderBy}` : sql``;
  const built = sql`coalesce(jsonb_agg(${shape}${order}), '[]'::jsonb)`;
  return {
    getSQL: () => built,
    decode: (value) => {
      if (!Array.isArray(value)) throw new Error('expected a JSON array');
      return value.map((item) => shape.decode(item));
    },
  };
}

/**
 * A table under a short name for hand-written SQL: `${t.id}` renders `"t"."id"` and `fromOf(t)`
 * the FROM item `"table" "t"`.
 */
export function aliased<T extends PgTable, A extends string>(table: T, name: A) {
  const named = alias(table, name);
  tableNames.set(named, getTableName(table));
  return named;
}

const tableNames = new WeakMap<object, string>();

/** The FROM item of a table or of a table made by `aliased`. */
export function fromOf(table: PgTable): SQL {
  const original = tableNames.get(table);
  if (original === undefined) return sql`${sql.identifier(getTableName(table))}`;
  return sql`${sql.identifier(original)} ${sql.identifier(getTableName(table))}`;
}

/** A column's bare name, where SQL takes no table (INSERT lists, SET, ON CONFLICT, `excluded.`). */
export function nameOf(column: Column): SQL {
  return sql`${sql.identifier(column.name)}`;
}
