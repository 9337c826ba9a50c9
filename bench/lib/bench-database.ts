import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migratePostgres } from '../../src/db/migrate.ts';
import { withDatabase } from '../../test/support/postgres-url.ts';

export interface BenchDatabase {
  name: string;
  /** What the app servers connect with. */
  url: string;
  /** The same database, tagged so the activity sampler can leave the bench's own connections out. */
  benchUrl: string;
  drop(): Promise<void>;
}

export const BENCH_APPLICATION_NAME = 'lanyard-bench';

async function onAdmin(adminUrl: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/** A fresh, migrated database for one run; `drop` forces out any connection still open. */
export async function createBenchDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `lanyard_bench_${randomBytes(4).toString('hex')}`;
  await onAdmin(adminUrl, `CREATE DATABASE ${name}`);
  const url = withDatabase(adminUrl, name);
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await onAdmin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
  try {
    await migratePostgres(url);
  } catch (error) {
    await drop();
    throw error;
  }
  const benchUrl = new URL(url);
  benchUrl.searchParams.set('application_name', BENCH_APPLICATION_NAME);
  return { name, url, benchUrl: benchUrl.toString(), drop };
}
