import { and, eq, gt, inArray, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { orderLines, orders } from '../../db/schema/index.ts';

/**
 * D2.1 / INV-1 (unified): an order's lines consume stock while it is paid, partially refunded, or
 * pending with a live hold. The one definition of "sold"; reports, the D2.3 trigger and the cart
 * counts of migration 0003 mirror it (keep them in step).
 */
export function isCountedOrder(now: Date): SQL {
  return or(
    inArray(orders.status, ['paid', 'partially_refunded']),
    and(eq(orders.status, 'pending'), gt(orders.holdExpiresAt, now)),
  ) as SQL;
}

/**
 * VOU-7 / D3.6: an order holds its voucher use and condition units unless it was cancelled or its
 * hold lapsed; refunds do not give uses back.
 */
export function isOrderHoldingUses(now: Date | SQLWrapper): SQL {
  return or(
    inArray(orders.status, ['paid', 'partially_refunded', 'refunded']),
    and(eq(orders.status, 'pending'), gt(orders.holdExpiresAt, now)),
  ) as SQL;
}

/**
 * `isOrderHoldingUses` read from the order's status as its lines carry it (kept in step by a
 * trigger, migration 0007), through the database's own twin of the rule (migration 0003): a
 * count of condition units then needs no join to `orders`, whose plan could turn into a nested
 * loop over every order while the tables grow faster than their statistics in a rush.
 */
export function isLineHoldingUses(now: Date | SQLWrapper): SQL {
  return sql`lanyard_holds_uses_at(${orderLines.orderStatus}, ${orderLines.orderHoldExpiresAt}, ${now}::timestamptz)`;
}
