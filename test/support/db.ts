import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { openDatabase, type Database, type DatabaseKind } from '../../src/db/client.ts';
import { withDatabase } from './postgres-url.ts';

export interface TestDb {
  db: Database;
  kind: DatabaseKind;
  /** PostgreSQL only: the URL of this file's own database, for extra connections or processes. */
  url: string | undefined;
  close(): Promise<void>;
}

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL is set (CI sets it). */
export function availableBackends(): DatabaseKind[] {
  return inject('postgresTemplate') ? ['pglite', 'postgres'] : ['pglite'];
}

export async function openTestDb(kind: DatabaseKind): Promise<TestDb> {
  if (kind === 'pglite') {
    const loadDataDir = new Blob([readFileSync(inject('pgliteTemplatePath'))]);
    const handle = await openDatabase({ loadDataDir });
    return { db: handle.db, kind, url: undefined, close: handle.close };
  }
  const template = inject('postgresTemplate');
  if (!template) throw new Error('PostgreSQL tests need TEST_DATABASE_URL');
  const name = `${template.prefix}_${process.env.VITEST_POOL_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: template.adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template.template}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(template.adminUrl, name);
  const handle = await openDatabase({ url, poolSize: 20 });
  return {
    db: handle.db,
    kind,
    url,
    close: async () => {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: template.adminUrl });
      await cleanup.connect();
      await cleanup
        .query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
        .finally(() => cleanup.end());
    },
  };
}

export interface DbContext {
  readonly db: Database;
  readonly kind: DatabaseKind;
  readonly url: string | undefined;
}

function describeOn(
  title: string,
  kind: DatabaseKind,
  body: (ctx: DbContext) => void,
  declare: typeof describe | typeof describe.skip = describe,
): void {
  declare(title, () => {
    let handle: TestDb | undefined;
    beforeAll(async () => {
      handle = await openTestDb(kind);
    });
    afterAll(async () => {
      await handle?.close();
    });
    body({
      get db() {
        if (!handle) throw new Error('test database not open yet');
        return handle.db;
      },
      kind,
      get url() {
        return handle?.url;
      },
    });
  });
}

/**
 * Declares the suite once per backend; each backend gets a fresh database cloned from the
 * migrated template, and tests inside build their own conferences through factories.
 */
export function describeEachBackend(title: string, body: (ctx: DbContext) => void): void {
  for (const kind of availableBackends()) describeOn(`${title} [${kind}]`, kind, body);
}

/**
 * Concurrency tests need several real connections, so they run on PostgreSQL only (STYLE §10).
 * Without TEST_DATABASE_URL the suite is reported as skipped rather than silently absent.
 */
export function describePostgresOnly(title: string, body: (ctx: DbContext) => void): void {
  if (availableBackends().includes('postgres')) describeOn(`${title} [postgres]`, 'postgres', body);
  else describeOn(`${title} [postgres: needs TEST_DATABASE_URL]`, 'postgres', body, describe.skip);
}
