import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { orders, payments } from '../../db/schema/index.ts';
import { withTx } from '../../db/transactions.ts';
import { normaliseCode } from '../../domain/codes.ts';
import { orderErrors } from './errors.ts';

/**
 * Releases what cancelled orders took beyond stock: credit applications go back to the credit
 * (remaining balance is derived from succeeded credit payments, CRED-6 / D4.8). Stock, voucher
 * uses and condition units are derived from order status, so they free themselves (D2.5).
 */
async function releaseCredits(tx: Database, orderIds: string[]): Promise<void> {
  if (orderIds.length === 0) return;
  await tx
    .update(payments)
    .set({ status: 'cancelled', updatedAt: new Date() })
    .where(
      and(
        inArray(payments.orderId, orderIds),
        eq(payments.method, 'credit'),
        eq(payments.status, 'succeeded'),
      ),
    );
}

/** ORD-4: the buyer cancels their own pending order. */
export async function cancelBuyerOrder(
  db: Database,
  userId: string,
  reference: string,
  now: Date,
): Promise<void> {
  await withTx(db, async (tx) => {
    const [order] = await tx
      .select({ id: orders.id, status: orders.status })
      .from(orders)
      .where(and(eq(orders.reference, normaliseCode(reference)), eq(orders.userId, userId)))
      .for('update');
    if (!order) throw orderErrors('ORDER_NOT_FOUND', { reference });
    if (order.status !== 'pending')
      throw orderErrors('ORDER_NOT_CANCELLABLE', { status: order.status });
    await tx
      .update(orders)
      .set({ status: 'cancelled', holdExpiresAt: null, cancelledAt: now, updatedAt: now })
      .where(eq(orders.id, order.id));
    await releaseCredits(tx, [order.id]);
  });
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
          sql`NOT EXISTS (SELECT 1 FROM ${payments} p WHERE p.order_id = ${orders.id}
                AND p.status = 'succeeded' AND p.method <> 'credit')`,
        ),
      )
      .orderBy(orders.holdExpiresAt)
      .limit(batchSize)
      .for('update', { skipLocked: true });
    const ids = due.map((d) => d.id);
    if (ids.length === 0) return 0;
    await tx
      .update(orders)
      .set({ status: 'cancelled', holdExpiresAt: null, cancelledAt: now, updatedAt: now })
      .where(inArray(orders.id, ids));
    await releaseCredits(tx, ids);
    return ids.length;
  });
}
