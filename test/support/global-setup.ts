import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migratePgliteClient, migratePostgres } from '../../src/db/migrate.ts';
import { withDatabase } from './postgres-url.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplatePath: string;
    postgresTemplate: { adminUrl: string; template: string; prefix: string } | null;
  }
}

/**
 * Migrates once per run (STYLE §10): a dumped PGlite data directory, and on PostgreSQL a template
 * database that each test file clones in ~100 ms.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'lanyard-test-'));
  const pglite = await PGlite.create();
  await migratePgliteClient(pglite);
  const dump = await pglite.dumpDataDir('none');
  await pglite.close();
  const pgliteTemplatePath = join(dir, 'template.tar');
  writeFileSync(pgliteTemplatePath, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplatePath', pgliteTemplatePath);

  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    project.provide('postgresTemplate', null);
    return async () => undefined;
  }
  const prefix = `lanyard_t${randomBytes(3).toString('hex')}`;
  const template = `${prefix}_tmpl`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  await migratePostgres(withDatabase(adminUrl, template));
  project.provide('postgresTemplate', { adminUrl, template, prefix });

  return async () => {
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1`,
      [`${prefix}%`],
    );
    for (const { datname } of rows) {
      await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
    await admin.end();
  };
}
