import { randomBytes } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.ts';
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

export interface BenchConnections {
  /** Drizzle over the bench database, for setup. */
  handle: DatabaseHandle;
  /** A small plain pool for the after-run checks, written independently of the services. */
  checkPool: pg.Pool;
}

/**
 * Connections for setup and checks, after warning when the machine is already busy: numbers
 * taken on a loaded machine are not comparable (`cpuLine` names the report line to look at).
 */
export async function openBenchConnections(
  database: BenchDatabase,
  cpuLine: string,
): Promise<BenchConnections> {
  const [load] = loadavg();
  if (load !== undefined && load > 1.5)
    console.log(
      `Note: the machine is already busy (load average ${load.toFixed(1)} on ${availableParallelism()} cores); see "${cpuLine}" for how much went to other processes.`,
    );
  const handle = await openDatabase({ url: database.benchUrl, poolSize: 10 });
  const checkPool = new pg.Pool({ connectionString: database.benchUrl, max: 2 });
  // An idle connection ended by the server (the final DROP DATABASE … WITH (FORCE)) is no error
  // of the run; unhandled, it would crash the bench after the report.
  checkPool.on('error', () => undefined);
  return { handle, checkPool };
}
