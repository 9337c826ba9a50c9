import { createHash } from 'node:crypto';
import { and, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { rateLimitCounters } from '../../db/schema/index.ts';
import { commonErrors } from '../common/errors.ts';

/** At most `max` attempts per fixed window of `windowMs`, counted per subject. */
export interface LimitRule {
  /** Names the counter: the same subject under two rules has two counters. */
  name: string;
  max: number;
  windowMs: number;
}

/** One rule applied to one subject (an address, an account, a buyer). */
export interface LimitCheck {
  rule: LimitRule;
  subject: string;
}

function keyOf(check: LimitCheck): string {
  return createHash('sha256').update(`${check.rule.name}\u0001${check.subject}`).digest('hex');
}

/**
 * Counts one attempt under every check, atomically and shared by all app processes (D6.3), and
 * refuses with 429 RATE_LIMITED when any counter went past its rule. A refused attempt still
 * counts, so hammering does not help. One statement, keys sorted, so two requests counting the
 * same keys cannot deadlock.
 */
export async function takeAttempts(
  db: Database,
  checks: readonly LimitCheck[],
  now: Date,
): Promise<void> {
  const rows = checks
    .map((check) => ({
      check,
      key: keyOf(check),
      windowEndsAt: new Date(now.getTime() + check.rule.windowMs),
    }))
    .sort((a, b) => (a.key < b.key ? -1 : 1));
  if (rows.length === 0) return;
  const at = sql`${now.toISOString()}::timestamptz`;
  const expired = sql`${rateLimitCounters.windowEndsAt} <= ${at}`;
  const counted = await db
    .insert(rateLimitCounters)
    .values(rows.map(({ key, windowEndsAt }) => ({ key, hits: 1, windowEndsAt })))
    .onConflictDoUpdate({
      target: rateLimitCounters.key,
      set: {
        hits: sql`CASE WHEN ${expired} THEN 1 ELSE ${rateLimitCounters.hits} + 1 END`,
        windowEndsAt: sql`CASE WHEN ${expired} THEN excluded.window_ends_at ELSE ${rateLimitCounters.windowEndsAt} END`,
      },
    })
    .returning();
  let retryAfterMs = 0;
  for (const row of counted) {
    const rule = rows.find((r) => r.key === row.key)?.check.rule;
    if (rule && row.hits > rule.max)
      retryAfterMs = Math.max(retryAfterMs, row.windowEndsAt.getTime() - now.getTime());
  }
  if (retryAfterMs > 0)
    throw commonErrors('RATE_LIMITED', {
      retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)),
    });
}

/** Gives back one attempt per check (an attempt that turned out legitimate, e.g. a sign-in). */
export async function returnAttempts(
  db: Database,
  checks: readonly LimitCheck[],
  now: Date,
): Promise<void> {
  const keys = checks.map(keyOf).sort();
  if (keys.length === 0) return;
  await db
    .update(rateLimitCounters)
    .set({ hits: sql`greatest(${rateLimitCounters.hits} - 1, 0)` })
    .where(and(inArray(rateLimitCounters.key, keys), gt(rateLimitCounters.windowEndsAt, now)));
}

/** Drops counters whose window has passed (a scheduled task); they would restart at 1 anyway. */
export async function purgeExpiredCounters(db: Database, now: Date): Promise<void> {
  await db.delete(rateLimitCounters).where(lt(rateLimitCounters.windowEndsAt, now));
}
