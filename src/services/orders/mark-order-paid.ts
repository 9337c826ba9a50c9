import type { Database } from '../../db/client.ts';
import { outbox, type Order } from '../../db/schema/index.ts';
import { ensureAttendee } from '../attendees/index.ts';
import { transitionOrder } from './order-status.ts';

export type PaidTransition = { transitioned: true; order: Order } | { transitioned: false };

/**
 * D4.4: the only place an order becomes paid, whatever paid for it. Guarded by the current state
 * (a second caller gets `transitioned: false`), it clears the hold, creates or updates the
 * attendee, and records `order.paid` plus the confirmation email in the outbox exactly once.
 * Must run inside the caller's transaction, next to the payment row it follows from.
 */
export async function markOrderPaid(
  tx: Database,
  orderId: string,
  now: Date,
): Promise<PaidTransition> {
  const order = await transitionOrder(tx, orderId, {
    from: ['pending'],
    to: 'paid',
    set: { holdExpiresAt: null, paidAt: now },
    now,
  });
  if (!order) return { transitioned: false };
  await ensureAttendee(tx, order, now);
  await tx
    .insert(outbox)
    .values([
      {
        conferenceId: order.conferenceId,
        kind: 'order.paid',
        dedupeKey: `order.paid:${order.id}`,
        payload: { orderId: order.id },
        runAfter: now,
      },
      {
        conferenceId: order.conferenceId,
        kind: 'email.order_confirmation',
        dedupeKey: `email.order_confirmation:${order.id}`,
        payload: { orderId: order.id },
        runAfter: now,
      },
    ])
    .onConflictDoNothing();
  return { transitioned: true, order };
}
