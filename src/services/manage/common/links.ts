import { eq } from 'drizzle-orm';
import type { PgColumn, PgInsertValue, PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../../../db/client.ts';

// PostgreSQL allows 65 535 bind parameters per statement; bulk vouchers × scope can exceed that.
const ROWS_PER_INSERT = 1_000;

/** Inserts link rows in bounded statements (VOU-9 bulk scope can be 500 × every product). */
export async function insertLinks<T extends PgTable>(
  db: Database,
  table: T,
  rows: readonly PgInsertValue<T>[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    await db.insert(table).values(rows.slice(start, start + ROWS_PER_INSERT));
  }
}

/** Replaces one owner's link set (a PATCH sends the whole set; an empty list clears it). */
export async function replaceLinks<T extends PgTable>(
  db: Database,
  table: T,
  ownerColumn: PgColumn,
  ownerId: string,
  rows: readonly PgInsertValue<T>[],
): Promise<void> {
  await db.delete(table).where(eq(ownerColumn, ownerId));
  await insertLinks(db, table, rows);
}

/** Groups (owner, target) link rows by owner, keeping insertion order. */
export function groupLinks<L>(
  links: readonly L[],
  ownerOf: (link: L) => string,
  targetOf: (link: L) => string,
): Map<string, string[]> {
  const byOwner = new Map<string, string[]>();
  for (const link of links) {
    const owner = ownerOf(link);
    const targets = byOwner.get(owner);
    if (targets) targets.push(targetOf(link));
    else byOwner.set(owner, [targetOf(link)]);
  }
  return byOwner;
}
