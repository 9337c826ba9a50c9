import {
  getTableColumns,
  is,
  SQL,
  type InferInsertModel,
  type InferSelectModel,
} from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/**
 * Rows that travel as JSON through a PL/pgSQL function (the one-statement checkout of
 * migration 0006), mapped with the table's own Drizzle column definitions so that a function
 * argument or result means exactly what the typed query builder would write or read.
 */
export type JsonRecord = Record<string, unknown>;

/** A Drizzle insert object → `{ db_column: json value }`, ready for `jsonb_populate_record`. */
export function rowToJson<T extends PgTable>(table: T, values: InferInsertModel<T>): JsonRecord {
  const record: JsonRecord = {};
  const given = values as Record<string, unknown>;
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = given[key];
    // Left out, the column takes its SQL default, as it would in a Drizzle insert.
    if (value === undefined) continue;
    record[column.name] = value instanceof Date ? value.toISOString() : value;
  }
  return record;
}

/**
 * Every column of `table`, for a static `jsonb_populate_record(NULL::table, …)` insert (migration
 * 0008), where a key left out would be NULL rather than the column's default. A column left out
 * takes its Drizzle default, or NULL where NULL is allowed; a default only the database knows
 * (`now()`, `gen_random_uuid()`) cannot be filled in, so such a column must be given.
 */
export function completeRowToJson<T extends PgTable>(
  table: T,
  values: InferInsertModel<T>,
): JsonRecord {
  const record = rowToJson(table, values);
  for (const column of Object.values(getTableColumns(table))) {
    if (column.name in record) continue;
    if (column.defaultFn) record[column.name] = column.mapToDriverValue(column.defaultFn());
    else if (column.hasDefault && !is(column.default, SQL)) record[column.name] = column.default;
    else if (!column.notNull) record[column.name] = null;
    else throw new Error(`${column.name} needs a value: its default is the database's`);
  }
  return record;
}

/** `to_jsonb(row)` → the Drizzle select model of `table`. */
export function rowFromJson<T extends PgTable>(table: T, record: JsonRecord): InferSelectModel<T> {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = record[column.name];
    if (value === undefined) throw new Error(`${column.name} missing from a JSON row`);
    // JSON columns arrive as JSON already; parsing them again would turn a JSON string into data.
    row[key] =
      value === null || column.dataType === 'json' ? value : column.mapFromDriverValue(value);
  }
  return row as InferSelectModel<T>;
}
