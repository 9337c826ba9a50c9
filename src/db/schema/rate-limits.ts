import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { tstz } from './columns.ts';

/**
 * D6.3 attempt counters (sign-in, sign-up, voucher entry, order lookups), shared by every app
 * process: one row per limited subject and fixed window. Not per conference: an address or an
 * account is limited across all of them. The key is a sha256 of the rule and subject, so the
 * table holds no email addresses.
 */
export const rateLimitCounters = pgTable(
  'rate_limit_counters',
  {
    key: text('key').primaryKey(),
    hits: integer('hits').notNull(),
    windowEndsAt: tstz('window_ends_at').notNull(),
  },
  (t) => [
    index('rate_limit_counters_window_ends_at_idx').on(t.windowEndsAt),
    check('rate_limit_counters_key_check', sql`${t.key} ~ '^[0-9a-f]{64}$'`),
    check('rate_limit_counters_hits_check', sql`${t.hits} >= 0`),
  ],
);
