import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import pg from 'pg';
import {
  claimDataDir,
  DataDirInUseError,
  describeOwner,
  isProcessAlive,
  type OwnerRole,
} from './data-dir-owner.ts';
import { migratePgliteClient, migratePostgres } from './migrate.ts';
import { servePgliteOnSocket, socketPathIn } from './pglite-socket.ts';
import { PreparingClient } from './prepared-statements.ts';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** A database handle or an open transaction: services accept either. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Database;
  kind: DatabaseKind;
  /** Applies pending migrations (the app does this on start). */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A postgres:// URL selects a PostgreSQL server; otherwise PGlite is used. */
  url?: string | undefined;
  /** PGlite data directory; `memory://` keeps everything in memory. */
  dataDir?: string | undefined;
  /** PGlite only: start from a dumped data directory (test template). */
  loadDataDir?: Blob | undefined;
  poolSize?: number | undefined;
  /** Longest wait for any lock (D2.2: bounded waits); PostgreSQL server only. */
  lockTimeoutMs?: number | undefined;
  /** PostgreSQL server only: name parameterised queries so each connection plans them once. */
  preparedStatements?: boolean | undefined;
  /**
   * PGlite data directory only (D1.5): open it as its one owner. A `server` shares it with local
   * commands over a socket; a `command` goes through a running server's socket when there is one.
   * Unset (tests, reading a directory nobody runs): open it without claiming it.
   */
  claimAs?: OwnerRole | undefined;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) return openPostgres(options.url, options);
  const dataDir = options.dataDir ?? 'memory://';
  if (options.claimAs && !dataDir.startsWith('memory://'))
    return openOwnedPglite(dataDir, options.claimAs);
  const client = await PGlite.create({
    dataDir,
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  return pgliteHandle(client);
}

function pgliteHandle(client: PGlite): DatabaseHandle {
  return {
    db: drizzlePglite(client, { schema }) as unknown as Database,
    kind: 'pglite',
    migrate: () => migratePgliteClient(client),
    close: () => client.close(),
  };
}

async function openOwnedPglite(dataDir: string, role: OwnerRole): Promise<DatabaseHandle> {
  const socketDir = role === 'server' ? socketDirFor(dataDir) : undefined;
  const claimed = await claimDataDir(dataDir, socketDir ? { role, socketDir } : { role });
  if ('owner' in claimed) {
    const { owner } = claimed;
    if (role === 'command' && owner.role === 'server' && owner.socketDir) {
      const through = await openThroughServer(owner.socketDir, owner.pid, dataDir);
      // The server died while this command waited for its socket: claim the directory after all.
      return through ?? openOwnedPglite(dataDir, role);
    }
    throw new DataDirInUseError(describeOwner(dataDir, owner, role));
  }
  const { claim } = claimed;
  try {
    const client = await PGlite.create({ dataDir });
    const shared = socketDir ? await servePgliteOnSocket(client, socketDir) : null;
    const handle = pgliteHandle(client);
    return {
      ...handle,
      async close() {
        await shared?.close();
        await client.close();
        claim.release();
      },
    };
  } catch (error) {
    claim.release();
    throw error;
  }
}

/** Next to the data directory; a Unix socket path is limited to ~104 bytes, else a private temp dir. */
function socketDirFor(dataDir: string): string {
  const beside = resolve(dirname(dataDir));
  if (Buffer.byteLength(socketPathIn(beside)) <= 100) return beside;
  return mkdtempSync(join(tmpdir(), 'lanyard-'));
}

const SERVER_STARTING_WAIT_MS = 60_000;
const SERVER_STARTING_RETRY_MS = 200;

/**
 * A command while the server runs: one connection through the server's socket (D1.5). A server
 * still starting has claimed the directory before its socket listens, so wait while it lives.
 */
async function openThroughServer(
  socketDir: string,
  pid: number,
  dataDir: string,
): Promise<DatabaseHandle | null> {
  const connection = { host: socketDir, port: 5432, user: 'postgres', database: 'postgres' };
  const pool = new pg.Pool({ ...connection, max: 1 });
  pool.on('error', () => undefined);
  const deadline = Date.now() + SERVER_STARTING_WAIT_MS;
  for (;;) {
    try {
      (await pool.connect()).release();
      break;
    } catch (error) {
      if (!isProcessAlive(pid)) {
        await pool.end();
        return null;
      }
      if (Date.now() > deadline) {
        await pool.end();
        throw new DataDirInUseError(
          `The server (process ${pid}) owns ${dataDir} but its socket in ${socketDir} does not ` +
            `answer (${error instanceof Error ? error.message : String(error)}). Try again once ` +
            'it has started, or stop it.',
        );
      }
      await delay(SERVER_STARTING_RETRY_MS);
    }
  }
  return {
    db: drizzlePg(pool, { schema }) as unknown as Database,
    kind: 'pglite',
    migrate: () => migratePostgres(connection),
    close: () => pool.end(),
  };
}

function openPostgres(url: string, options: DatabaseOptions): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    options: `-c lock_timeout=${options.lockTimeoutMs ?? 3000}`,
    ...((options.preparedStatements ?? true) ? { Client: PreparingClient } : {}),
  });
  // An idle client erroring (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  return {
    db: drizzlePg(pool, { schema }) as unknown as Database,
    kind: 'postgres',
    migrate: () => migratePostgres(url),
    close: () => pool.end(),
  };
}
