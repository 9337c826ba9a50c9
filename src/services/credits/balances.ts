import { and, asc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { credits, payments, type Credit } from '../../db/schema/index.ts';

export interface CreditBalance {
  credit: Credit;
  /** D4.8: the amount less every succeeded credit payment it funded; never stored, so it cannot drift. */
  remaining: number;
}

/** The buyer's usable credits in one conference, soonest-expiring first (so nothing lapses unused). */
export async function listUsableCredits(
  db: Database,
  userId: string,
  conferenceId: string,
  now: Date,
): Promise<CreditBalance[]> {
  const rows = await db
    .select({
      credit: credits,
      spent: sql<string>`coalesce(sum(${payments.amount}) FILTER (WHERE ${payments.method} = 'credit' AND ${payments.status} = 'succeeded'), 0)`,
    })
    .from(credits)
    .leftJoin(payments, eq(payments.creditId, credits.id))
    .where(
      and(
        eq(credits.userId, userId),
        eq(credits.conferenceId, conferenceId),
        eq(credits.status, 'available'),
        or(isNull(credits.expiresAt), gt(credits.expiresAt, now)),
      ),
    )
    .groupBy(credits.id)
    .orderBy(sql`${credits.expiresAt} ASC NULLS LAST`, asc(credits.createdAt));
  return rows
    .map((row) => ({ credit: row.credit, remaining: row.credit.amount - Number(row.spent) }))
    .filter((balance) => balance.remaining > 0);
}
