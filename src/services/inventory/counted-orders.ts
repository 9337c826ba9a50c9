import { and, eq, gt, inArray, or, type SQL, type SQLWrapper } from 'drizzle-orm';
import { orders } from '../../db/schema/index.ts';

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
