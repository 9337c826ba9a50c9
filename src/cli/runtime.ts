import { join } from 'node:path';
import { loadConfig, type Config } from '../config/env.ts';
import { createSecretBox, resolveSecretKey, type SecretBox } from '../config/secret-box.ts';
import { openDatabase, type DatabaseHandle } from '../db/client.ts';
import type { OwnerRole } from '../db/data-dir-owner.ts';
import { assertSecretKeyMatches } from '../db/secret-key.ts';

export interface Runtime {
  config: Config;
  database: DatabaseHandle;
  secretBox: SecretBox;
  close(): Promise<void>;
}

/**
 * Config, secret key and a migrated database: what every CLI command starts from. On the embedded
 * database a command reaches a running server's database through the server (D1.5).
 */
export async function openRuntime(
  options: { migrate?: boolean; claimAs?: OwnerRole } = {},
): Promise<Runtime> {
  const config = loadConfig();
  const secretBox = createSecretBox(resolveSecretKey(config));
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: join(config.DATA_DIR, 'pglite'),
    poolSize: config.DATABASE_POOL_SIZE,
    lockTimeoutMs: config.LOCK_TIMEOUT_MS,
    preparedStatements: config.DATABASE_PREPARED_STATEMENTS,
    claimAs: options.claimAs ?? 'command',
  });
  try {
    if (options.migrate ?? true) await database.migrate();
    // D6.1: a process with another key would store secrets the others cannot read.
    await assertSecretKeyMatches(database.db, secretBox);
  } catch (error) {
    await database.close();
    throw error;
  }
  return { config, database, secretBox, close: () => database.close() };
}

export function describeDatabase(config: Config): string {
  if (!config.DATABASE_URL)
    return `embedded PostgreSQL (PGlite) in ${join(config.DATA_DIR, 'pglite')}`;
  const url = new URL(config.DATABASE_URL);
  return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`;
}
