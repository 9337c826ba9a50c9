import { readFile } from 'node:fs/promises';
import type { Database } from '../../db/client.ts';
import { conferences, type Conference } from '../../db/schema/index.ts';
import { withTx } from '../../db/transactions.ts';
import { applyBootstrap, lockBootstrap } from './apply-bootstrap.ts';
import { parseBootstrapConfig } from './parse-config.ts';
import type { BootstrapConfig } from './types.ts';

export const EXAMPLE_CONFIG_URL = new URL('./example-conference.toml', import.meta.url);

export async function readExampleConfig(): Promise<BootstrapConfig> {
  return parseBootstrapConfig(await readFile(EXAMPLE_CONFIG_URL, 'utf8'));
}

/**
 * A fresh install shows a working conference instead of an empty page. Only an empty database
 * gets it; the emptiness check and the creation share one locked transaction, so two servers
 * starting together create it once.
 */
export async function bootstrapExampleIfEmpty(db: Database, now: Date): Promise<Conference | null> {
  const config = await readExampleConfig();
  return withTx(db, async (tx) => {
    await lockBootstrap(tx);
    const [any] = await tx.select({ id: conferences.id }).from(conferences).limit(1);
    if (any) return null;
    const result = await applyBootstrap(tx, config, {
      update: false,
      dryRun: false,
      now,
      actor: { kind: 'system', job: 'first-run example' },
    });
    return result.conference;
  });
}
