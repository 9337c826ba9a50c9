import { getTableColumns, type InferInsertModel, type InferSelectModel } from 'drizzle-orm';
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
