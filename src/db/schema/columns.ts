import { sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { check, customType, timestamp, uuid } from 'drizzle-orm/pg-core';
import { conferences } from './conferences.ts';

// Shared column builders for the schema files. Not re-exported from index.ts: it holds no tables.
// conferences.ts must not import this file: the cycle would evaluate conferences before these exist.

export const id = () => uuid('id').primaryKey().defaultRandom();

export const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const createdAt = () => tstz('created_at').notNull().defaultNow();

export const timestamps = () => ({
  createdAt: createdAt(),
  updatedAt: tstz('updated_at')
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
});

export const conferenceId = () =>
  uuid('conference_id')
    .notNull()
    .references(() => conferences.id, { onDelete: 'cascade' });

export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

export const nonNegative = (name: string, column: AnyPgColumn) => check(name, sql`${column} >= 0`);

export const positive = (name: string, column: AnyPgColumn) => check(name, sql`${column} > 0`);

export const basisPoints = (name: string, column: AnyPgColumn) =>
  check(name, sql`${column} BETWEEN 0 AND 10000`);

export const isoCurrency = (name: string, column: AnyPgColumn) =>
  check(name, sql`${column} ~ '^[A-Z]{3}$'`);

export const windowOrdered = (name: string, from: AnyPgColumn, until: AnyPgColumn) =>
  check(name, sql`${from} IS NULL OR ${until} IS NULL OR ${from} <= ${until}`);

export const notBlank = (name: string, column: AnyPgColumn) => check(name, sql`${column} <> ''`);
