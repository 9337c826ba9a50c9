import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { queryRows } from '../../db/raw.ts';
import { attendees, outbox, refundLines, type Order, type Refund } from '../../db/schema/index.ts';
import { statusAfterRefunds } from '../../domain/order-money.ts';
import { loadMoneyFacts, transitionOrder } from '../orders/index.ts';

/** D4.6: cancels the refund's units on their order lines; their stock frees itself (D2.1). */
export async function cancelRefundedUnits(
  tx: Database,
  refundId: string,
  sign: 1 | -1,
): Promise<void> {
  await tx.execute(sql`
    UPDATE order_lines l SET cancelled_quantity = l.cancelled_quantity + ${sign} * r.quantity
    FROM ${refundLines} r WHERE r.refund_id = ${refundId} AND r.order_line_id = l.id`);
}

/** The attendee's admission goes with a full refund, or the last ticket unit of its order (D4.6). */
async function withdrawAdmissionIfNoTicketLeft(
  tx: Database,
  order: Order,
  now: Date,
): Promise<void> {
  if (order.status !== 'refunded') {
    const [left] = await queryRows<{ units: string }>(
      tx,
      sql`SELECT coalesce(sum(quantity - cancelled_quantity), 0) AS units FROM order_lines
        WHERE order_id = ${order.id} AND product_kind = 'ticket'`,
    );
    if (Number(left?.units ?? 0) > 0) return;
  }
  await tx
    .update(attendees)
    .set({ isActive: false, updatedAt: now })
    .where(and(eq(attendees.orderId, order.id), eq(attendees.isActive, true)));
}

/**
 * Everything that follows a refund becoming succeeded: order status from cumulative amounts
 * (never backwards), admission withdrawn when no ticket is left, the buyer told (MAIL).
 */
export async function applySucceededRefund(
  tx: Database,
  order: Order,
  refund: Refund,
  now: Date,
): Promise<Order> {
  const { paid, refunded } = await loadMoneyFacts(tx, order.id);
  const status = statusAfterRefunds(order.status, paid, refunded);
  let current = order;
  if (status !== order.status) {
    const updated = await transitionOrder(tx, order.id, { from: [order.status], to: status, now });
    current = updated ?? order;
  }
  await withdrawAdmissionIfNoTicketLeft(tx, current, now);
  await tx
    .insert(outbox)
    .values({
      conferenceId: order.conferenceId,
      kind: 'email.refund_notice',
      dedupeKey: `email.refund_notice:${refund.id}`,
      payload: { refundId: refund.id },
      runAfter: now,
    })
    .onConflictDoNothing();
  return current;
}
