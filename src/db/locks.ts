import { sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Database } from './client.ts';

/** A resource whose capacity a use case consumes (D2.2). */
export type LockKey =
  | { kind: 'ticket_type'; id: string }
  | { kind: 'addon'; id: string }
  | { kind: 'conference'; id: string }
  | { kind: 'voucher'; id: string }
  | { kind: 'condition'; id: string }
  /** The per-user-limit scope: one buyer in one conference. */
  | { kind: 'buyer'; id: string };

/** The lock names of `keys`, deduplicated (the database functions take them by these names). */
export function lockNamesOf(keys: readonly LockKey[]): string[] {
  return [...new Set(keys.map((k) => `${k.kind}:${k.id}`))];
}

/** Lock-taking statements must run inside a transaction: the locks end with it. */
export function assertInTransaction(tx: Database): void {
  if (!(tx instanceof PgTransaction)) throw new Error('consumption locks need a transaction');
}

/**
 * Takes transaction-scoped advisory locks on every consumed resource in one round trip, in one
 * global order (sorted by lock id), so two checkouts can never wait on each other in a cycle.
 * Waits are bounded by the connection's lock_timeout; a timeout surfaces as SQLSTATE 55P03 → BUSY.
 * Lock before counting, or two checkouts both see 1 left.
 */
export async function lockForConsumption(tx: Database, keys: readonly LockKey[]): Promise<void> {
  assertInTransaction(tx);
  const names = lockNamesOf(keys);
  if (names.length === 0) return;
  // Distinct 64-bit hashes, sorted; a hash collision only merges two locks (more waiting, never less safety).
  await tx.execute(sql`
    SELECT pg_advisory_xact_lock(h)
    FROM (SELECT DISTINCT hashtextextended(k, 0) AS h FROM unnest(ARRAY[${sql.join(
      names.map((name) => sql`${name}`),
      sql`, `,
    )}]::text[]) AS k ORDER BY 1) AS ordered`);
}
