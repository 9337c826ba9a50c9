import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { orderLines, orders } from '../../db/schema/index.ts';

/*
 * "Counted" and "holds uses" are defined ONCE, in the database (src/db/functions/
 * lanyard_counts_at.sql, lanyard_holds_uses_at.sql), because the D2.3 fence and the counts of
 * the consumption kernel need them there. TypeScript asks the same functions, which PostgreSQL
 * inlines (plain SQL, IMMUTABLE), so a report, the doctor and the fence cannot disagree.
 */

/** D2.1 / INV-1 (unified): the order's lines consume stock at `now`. The one definition of "sold". */
export function isCountedOrder(now: Date | SQLWrapper): SQL {
  return sql`lanyard_counts_at(${orders.status}, ${orders.holdExpiresAt}, ${now}::timestamptz)`;
}

/** VOU-7 / D3.6: the order holds its voucher use and condition units at `now`. */
export function isOrderHoldingUses(now: Date | SQLWrapper): SQL {
  return sql`lanyard_holds_uses_at(${orders.status}, ${orders.holdExpiresAt}, ${now}::timestamptz)`;
}

/**
 * `isOrderHoldingUses` read from the order's state as its lines carry it (copied by a trigger,
 * lanyard_order_line_takes_order_state): a count of condition units then needs no join to
 * `orders`, whose plan could turn into a nested loop over every order while the tables grow
 * faster than their statistics in a rush.
 */
export function isLineHoldingUses(now: Date | SQLWrapper): SQL {
  return sql`lanyard_holds_uses_at(${orderLines.orderStatus}, ${orderLines.orderHoldExpiresAt}, ${now}::timestamptz)`;
}
