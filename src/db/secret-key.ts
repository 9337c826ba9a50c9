import { getTableName, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { SecretBox } from '../config/secret-box.ts';
import type { Database, Tx } from './client.ts';
import { queryRows } from './raw.ts';
import { conferences, instanceSettings, letterRequests } from './schema/index.ts';

/**
 * D6.1: every column holding ciphertext from the SecretBox, in one list. Rotation re-encrypts
 * exactly these; a unit test fails when a schema column named `*_enc` is missing here.
 */
export const ENCRYPTED_COLUMNS: readonly { table: PgTable; columns: readonly PgColumn[] }[] = [
  {
    table: conferences,
    columns: [
      conferences.stripeSecretKeyEnc,
      conferences.stripePublishableKeyEnc,
      conferences.stripeWebhookSecretEnc,
      conferences.qboCredentialsEnc,
      conferences.pretalxTokenEnc,
    ],
  },
  { table: letterRequests, columns: [letterRequests.passportNumberEnc] },
];

/** This process's key is not the one the database's secrets were encrypted with. */
export class SecretKeyMismatchError extends Error {
  constructor(detail: string) {
    super(
      `LANYARD_SECRET_KEY is not the key this database's secrets are encrypted with (${detail}). ` +
        'Every process using one database must share one key: set LANYARD_SECRET_KEY in this ' +
        'process to the key the others use (a development key is generated into ' +
        'DATA_DIR/secret.key by the first process). To change the key, run `lanyard rotate-key`.',
    );
    this.name = 'SecretKeyMismatchError';
  }
}

async function recordedFingerprint(db: Database | Tx, forUpdate = false): Promise<string | null> {
  const query = db.select().from(instanceSettings);
  const [row] = forUpdate ? await query.for('update') : await query;
  return row?.secretKeyFingerprint ?? null;
}

function mismatch(recorded: string, box: SecretBox): SecretKeyMismatchError {
  return new SecretKeyMismatchError(
    `this process's key has fingerprint ${box.fingerprint}; the database expects ${recorded}`,
  );
}

/** Before any fingerprint was recorded: the secrets already stored must open with this key. */
async function assertOpensStoredSecrets(db: Database, box: SecretBox): Promise<void> {
  for (const { table, columns } of ENCRYPTED_COLUMNS) {
    for (const column of columns) {
      const name = sql.identifier(column.name);
      const [row] = await queryRows<{ value: string }>(
        db,
        sql`SELECT ${name} AS value FROM ${table} WHERE ${name} IS NOT NULL LIMIT 1`,
      );
      if (!row) continue;
      try {
        box.decrypt(row.value);
      } catch {
        throw new SecretKeyMismatchError(
          `it cannot decrypt ${getTableName(table)}.${column.name}, stored before key fingerprints were recorded`,
        );
      }
    }
  }
}

/**
 * At start (serve and every command): the first process on a database records its key's
 * fingerprint; every later one must have the same key, or it refuses to start.
 */
export async function assertSecretKeyMatches(db: Database, box: SecretBox): Promise<void> {
  const recorded = await recordedFingerprint(db);
  if (recorded !== null) {
    if (recorded !== box.fingerprint) throw mismatch(recorded, box);
    return;
  }
  await assertOpensStoredSecrets(db, box);
  await db
    .insert(instanceSettings)
    .values({ secretKeyFingerprint: box.fingerprint })
    .onConflictDoNothing();
  // Two first starts at once: one insert wins, and the other process must have the same key.
  const winner = await recordedFingerprint(db);
  if (winner !== box.fingerprint) throw mismatch(winner ?? '(none)', box);
}

export interface RotationReport {
  /** `table.column` → how many values were re-encrypted. */
  reencrypted: Record<string, number>;
}

async function reencryptTable(
  tx: Tx,
  table: PgTable,
  columns: readonly PgColumn[],
  from: SecretBox,
  to: SecretBox,
  counts: Record<string, number>,
): Promise<void> {
  const list = sql.join(
    columns.map((c) => sql.identifier(c.name)),
    sql`, `,
  );
  const rows = await queryRows<Record<string, string | null>>(
    tx,
    sql`SELECT id, ${list} FROM ${table} FOR UPDATE`,
  );
  for (const row of rows) {
    const changes = columns
      .filter((c) => row[c.name] != null)
      .map((c) => {
        const label = `${getTableName(table)}.${c.name}`;
        counts[label] = (counts[label] ?? 0) + 1;
        const value = to.encrypt(from.decrypt(row[c.name] ?? ''));
        return sql`${sql.identifier(c.name)} = ${value}`;
      });
    if (changes.length === 0) continue;
    await tx.execute(sql`UPDATE ${table} SET ${sql.join(changes, sql`, `)} WHERE id = ${row.id}`);
  }
}

/**
 * Re-encrypts every encrypted column from the current key to a new one and records the new
 * fingerprint, inside the caller's transaction (the `rotateSecretKey` service, which audits it);
 * any value the current key cannot open aborts the whole rotation.
 */
export async function reencryptSecrets(
  tx: Tx,
  from: SecretBox,
  to: SecretBox,
  now: Date,
): Promise<RotationReport> {
  const recorded = await recordedFingerprint(tx, true);
  if (recorded !== null && recorded !== from.fingerprint) throw mismatch(recorded, from);
  const counts: Record<string, number> = {};
  for (const { table, columns } of ENCRYPTED_COLUMNS)
    await reencryptTable(tx, table, columns, from, to, counts);
  await tx
    .insert(instanceSettings)
    .values({ secretKeyFingerprint: to.fingerprint, updatedAt: now })
    .onConflictDoUpdate({
      target: instanceSettings.singleton,
      set: { secretKeyFingerprint: to.fingerprint, updatedAt: now },
    });
  return { reencrypted: counts };
}
