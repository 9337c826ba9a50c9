import { is } from 'drizzle-orm';
import {
  bigint,
  check,
  getTableConfig,
  integer,
  isPgEnum,
  PgDialect,
  pgTable,
  PgTable,
  serial,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as schema from '../../src/db/schema/index.ts';

type TableConfig = ReturnType<typeof getTableConfig>;

const dialect = new PgDialect();
const exported: unknown[] = Object.values(schema);
const tables = exported
  .filter((value): value is PgTable => is(value, PgTable))
  .map((table) => getTableConfig(table));
const byName = new Map(tables.map((t) => [t.name, t]));

/** Tables that are not owned by one conference. */
const GLOBAL_TABLES = [
  'users',
  'sessions',
  'conferences',
  'rate_limit_counters',
  'instance_settings',
];
/** Tables whose conference_id may be NULL: built-in roles, install-wide jobs and audit entries. */
const NULLABLE_CONFERENCE = ['roles', 'outbox', 'audit_log'];
/**
 * The session id and a rate-limit key are sha256 hashes (of a cookie token, of a subject);
 * instance_settings is one row, keyed by a boolean that can only be true.
 */
const TEXT_PRIMARY_KEYS = ['sessions.id', 'rate_limit_counters.key', 'instance_settings.singleton'];

const checkSql = (table: TableConfig) => table.checks.map((c) => dialect.sqlToQuery(c.value).sql);

/** bigint columns (money) without a `>= 0` or `> 0` check naming them. */
function uncheckedBigints(table: TableConfig): string[] {
  const checks = checkSql(table);
  return table.columns
    .filter((col) => col.getSQLType() === 'bigint')
    .filter((col) => {
      const bound = new RegExp(`"${table.name}"\\."${col.name}" >=? 0(?![0-9])`);
      return !checks.some((text) => bound.test(text));
    })
    .map((col) => `${table.name}.${col.name}`);
}

/** Primary keys that are neither a uuid column nor composite; tables with no key at all. */
function badPrimaryKeys(table: TableConfig): string[] {
  const single = table.columns.filter((col) => col.primary);
  const composite = table.primaryKeys.filter((pk) => pk.columns.length >= 2);
  if (single.length === 0 && composite.length === 0) return [`${table.name}: no primary key`];
  return single
    .filter((col) => col.getSQLType() !== 'uuid')
    .map((col) => `${table.name}.${col.name}`)
    .filter((name) => !TEXT_PRIMARY_KEYS.includes(name));
}

function conferenceProblems(table: TableConfig): string[] {
  if (GLOBAL_TABLES.includes(table.name)) return [];
  const col = table.columns.find((c) => c.name === 'conference_id');
  if (!col) return [`${table.name}: no conference_id`];
  const problems: string[] = [];
  if (col.notNull === NULLABLE_CONFERENCE.includes(table.name)) {
    problems.push(`${table.name}.conference_id: notNull=${col.notNull}`);
  }
  const fk = table.foreignKeys.find((f) => {
    const ref = f.reference();
    return ref.columns.length === 1 && ref.columns[0]?.name === 'conference_id';
  });
  const target = fk ? getTableConfig(fk.reference().foreignTable).name : undefined;
  if (target !== 'conferences') problems.push(`${table.name}.conference_id: references ${target}`);
  return problems;
}

describe('schema shape', () => {
  it('exports every table through index.ts', () => {
    expect(tables.length).toBeGreaterThanOrEqual(50);
    for (const name of ['orders', 'order_lines', 'payments', 'refunds', 'credits', 'outbox']) {
      expect(byName.has(name), name).toBe(true);
    }
  });

  it('uses snake_case for table, column and enum value names', () => {
    const snake = /^[a-z][a-z0-9_]*$/;
    for (const table of tables) {
      expect(table.name).toMatch(snake);
      for (const col of table.columns) expect(col.name, table.name).toMatch(snake);
    }
    const enums = exported.filter((value) => isPgEnum(value));
    expect(enums.length).toBeGreaterThan(10);
    for (const e of enums) for (const v of e.enumValues) expect(v, e.enumName).toMatch(snake);
  });

  it('gives every conference-owned table a conference_id referencing conferences', () => {
    expect(tables.flatMap(conferenceProblems)).toEqual([]);
  });

  it('checks the sign of every bigint (money) column', () => {
    expect(tables.flatMap(uncheckedBigints)).toEqual([]);
  });

  it('never stores money or times in lossy or zone-less types', () => {
    const isBanned = (type: string) =>
      /^(numeric|decimal|real|double precision)/.test(type) ||
      (type.startsWith('timestamp') && !type.endsWith('with time zone'));
    const offenders = tables.flatMap((t) =>
      t.columns.filter((c) => isBanned(c.getSQLType())).map((c) => `${t.name}.${c.name}`),
    );
    expect(offenders).toEqual([]);
  });

  it('keys every table by a uuid or a composite key', () => {
    expect(tables.flatMap(badPrimaryKeys)).toEqual([]);
  });

  // The checks above must be able to fail: run them against tables that break each rule.
  describe('detects violations', () => {
    const bad = getTableConfig(
      pgTable(
        'bad_things',
        {
          id: serial('id').primaryKey(),
          label: text('label').notNull(),
          price: bigint('price', { mode: 'number' }).notNull(),
          fee: bigint('fee', { mode: 'number' }).notNull(),
          feeCap: bigint('fee_cap', { mode: 'number' }).notNull(),
          stock: integer('stock').notNull(),
        },
        (t) => [
          check('bad_things_price_check', sql`${t.price} >= 0`),
          // A check on another column, and a bound that is not zero, do not count.
          check('bad_things_fee_check', sql`${t.stock} >= 0 AND ${t.fee} <= ${t.feeCap}`),
          check('bad_things_fee_cap_check', sql`${t.feeCap} >= 00 OR ${t.feeCap} > 05`),
        ],
      ),
    );
    const keyless = getTableConfig(pgTable('keyless', { conferenceId: uuid('conference_id') }));

    it('flags bigint columns without a sign check', () => {
      expect(uncheckedBigints(bad)).toEqual(['bad_things.fee', 'bad_things.fee_cap']);
    });

    it('flags serial and missing primary keys', () => {
      expect(badPrimaryKeys(bad)).toEqual(['bad_things.id']);
      expect(badPrimaryKeys(keyless)).toEqual(['keyless: no primary key']);
    });

    it('flags missing, nullable or unreferenced conference_id', () => {
      expect(conferenceProblems(bad)).toEqual(['bad_things: no conference_id']);
      expect(conferenceProblems(keyless)).toEqual([
        'keyless.conference_id: notNull=false',
        'keyless.conference_id: references undefined',
      ]);
    });
  });
});
