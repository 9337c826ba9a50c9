import { and, eq, lte, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Database } from '../../db/client.ts';
import { queryRows } from '../../db/raw.ts';
import { orders, payments } from '../../db/schema/index.ts';
import { withTx } from '../../db/transactions.ts';
import { transitionOrders } from './order-status.ts';
import { transitionPayments } from './payment-status.ts';

/** Why a pending order ended: the buyer withdrew it (D4.10), or its hold lapsed (D2.5). */
export type CancelReason = 'buyer' | 'hold_expired';

/**
 * D4.10: "received money" is any succeeded payment except the buyer's own store credit, which
 * cancelling gives straight back (CRD-4). An order holding such money is for staff to settle:
 * the buyer cannot cancel it and the sweep leaves it alone (W-16).
 */
function receivedMoney(orderId: AnyPgColumn | string): SQL {
  return sql`EXISTS (SELECT 1 FROM ${payments} p WHERE p.order_id = ${orderId}
    AND p.status = 'succeeded' AND p.method <> 'credit')`;
}

/** D4.10 for one order, read inside the caller's transaction under the order lock. */
export async function hasReceivedMoney(tx: Database, orderId: string): Promise<boolean> {
  const [row] = await queryRows<{ received: boolean }>(
    tx,
    sql`SELECT ${receivedMoney(orderId)} AS received`,
  );
  return row?.received === true;
}

/**
 * CRD-4: credit applications go back to their credit. A credit's balance is derived from its
 * succeeded credit payments (D4.8), so marking them refunded restores it; "refunded" is what the
 * buyer reads on the order: the credit was given back, not lost.
 */
async function releaseCredits(tx: Database, orderIds: string[], now: Date): Promise<void> {
  await transitionPayments(
    tx,
    { orderIds, method: 'credit' },
    { from: ['succeeded'], to: 'refunded', now },
  );
}

/**
 * The one place a pending order becomes cancelled, by the buyer, the sweep, or a late payment
 * that found its hold lapsed and could not revive it (D2.6). The caller holds the order locks.
 * Stock, voucher uses and condition units follow the order status, so they free themselves
 * (D2.5); the reason decides later whether late money may revive the order (D4.10).
 */
export async function cancelPendingOrders(
  tx: Database,
  orderIds: string[],
  reason: CancelReason,
  now: Date,
): Promise<void> {
  if (orderIds.length === 0) return;
  await transitionOrders(tx, orderIds, {
    from: ['pending'],
    to: 'cancelled',
    set: { holdExpiresAt: null, cancelledAt: now, cancelReason: reason },
    now,
  });
  await releaseCredits(tx, orderIds, now);
}

/**
 * D2.5: cancel pending orders whose hold lapsed, in batches claimed with SKIP LOCKED so every
 * process can run the sweep. Orders that already received outside money are left for staff.
 */
export async function expireHolds(db: Database, now: Date, batchSize = 200): Promise<number> {
  return withTx(db, async (tx) => {
    const due = await tx
      .select({ id: orders.id })
      .from(orders)
      .where(
        and(
          eq(orders.status, 'pending'),
          lte(orders.holdExpiresAt, now),
          sql`NOT ${receivedMoney(orders.id)}`,
        ),
      )
      .orderBy(orders.holdExpiresAt)
      .limit(batchSize)
      .for('update', { skipLocked: true });
    const ids = due.map((d) => d.id);
    await cancelPendingOrders(tx, ids, 'hold_expired', now);
    return ids.length;
  });
}
