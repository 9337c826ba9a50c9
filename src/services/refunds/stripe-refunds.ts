import { and, eq, or } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import type { GatewayRefund } from '../../integrations/payments/index.ts';
import { payments, refunds, type Order, type Payment, type Refund } from '../../db/schema/index.ts';
import { flagOrder, insertRefund, lockOrder, transitionRefund } from '../orders/index.ts';
import { applySucceededRefund, cancelRefundedUnits } from './refund-effects.ts';

type LocalStatus = Refund['status'];

/** Stripe took the refund but has not settled it: it stays pending, now with Stripe's id. */
async function noteStripeRefundId(
  tx: Database,
  refundId: string,
  stripeRefundId: string | null,
  failure: string,
  now: Date,
): Promise<Refund | undefined> {
  const [refund] = await tx
    .update(refunds)
    .set({ stripeRefundId, failureMessage: failure, updatedAt: now })
    .where(and(eq(refunds.id, refundId), eq(refunds.status, 'pending')))
    .returning();
  return refund;
}

/**
 * Moves a local refund to what Stripe says, guarded by its current state: only a pending refund
 * changes, so a replayed or late event is a no-op. A failed refund gives its lines back.
 */
export async function settleLocalRefund(
  tx: Database,
  order: Order,
  refund: Refund,
  stripeRefundId: string | null,
  status: LocalStatus,
  failure: string,
  now: Date,
): Promise<{ refund: Refund; order: Order }> {
  if (refund.status !== 'pending') return { refund, order };
  // Guarded in SQL too: the row read earlier may be stale, and only one event may settle it.
  const updated =
    status === 'pending'
      ? await noteStripeRefundId(tx, refund.id, stripeRefundId, failure, now)
      : await transitionRefund(tx, refund.id, {
          from: ['pending'],
          to: status,
          set: { stripeRefundId, failureMessage: failure },
          now,
        });
  if (!updated) return { refund, order };
  const current = updated;
  if (status === 'succeeded')
    return { refund: current, order: await applySucceededRefund(tx, order, current, now) };
  if (status === 'failed') {
    await cancelRefundedUnits(tx, refund.id, -1);
    await flagOrder(
      tx,
      order.id,
      `Card refund of ${refund.amount} failed: ${failure || 'no reason given'}.`,
      now,
    );
  }
  return { refund: current, order };
}

/**
 * A refund object from Stripe (webhook, or the answer to our own call): matched to our record by
 * Stripe id or by the `lanyard_refund_id` we sent; a refund made in the Stripe dashboard becomes
 * a new card refund record, so the ledger and the order status see it too (payments W-5).
 */
export async function applyStripeRefund(
  tx: Database,
  conferenceId: string,
  stripeRefund: GatewayRefund,
  now: Date,
): Promise<'applied' | 'unknown_payment'> {
  const ours = stripeRefund.lanyardRefundId;
  const [known] = await tx
    .select()
    .from(refunds)
    .where(
      ours && /^[0-9a-f-]{36}$/.test(ours)
        ? or(eq(refunds.stripeRefundId, stripeRefund.id), eq(refunds.id, ours))
        : eq(refunds.stripeRefundId, stripeRefund.id),
    );
  const { status, failureReason: failure } = stripeRefund;
  if (known) {
    const order = await lockOrder(tx, { id: known.orderId });
    if (order) await settleLocalRefund(tx, order, known, stripeRefund.id, status, failure, now);
    return 'applied';
  }
  const intentId = stripeRefund.intentId;
  if (!intentId) return 'unknown_payment';
  const [payment] = await tx
    .select()
    .from(payments)
    .where(eq(payments.stripePaymentIntentId, intentId));
  if (!payment || payment.conferenceId !== conferenceId) return 'unknown_payment';
  await recordStripeSideRefund(tx, payment, stripeRefund, now);
  return 'applied';
}

/**
 * A refund made at Stripe that Lanyard did not ask for (the dashboard): recorded as a card refund
 * so the ledger and the order status see it (payments W-5). It is keyed by its Stripe id, so
 * however many events bring it, in whatever order, it is recorded once (D4.11).
 */
async function recordStripeSideRefund(
  tx: Database,
  payment: Payment,
  stripeRefund: GatewayRefund,
  now: Date,
): Promise<void> {
  const order = await lockOrder(tx, { id: payment.orderId });
  if (!order) return;
  const key = `stripe:${stripeRefund.id}`;
  const inserted = await insertRefund(
    tx,
    {
      orderId: order.id,
      conferenceId: order.conferenceId,
      amount: stripeRefund.amount,
      destination: 'card',
      status: 'pending',
      reason: 'Refunded in Stripe',
      paymentId: payment.id,
      idempotencyKey: key,
      createdAt: now,
      updatedAt: now,
    },
    { onKeyTaken: 'skip' },
  );
  // Another event may have recorded it a moment ago; it may still need this event's status.
  const [recorded] = inserted
    ? [inserted]
    : await tx
        .select()
        .from(refunds)
        .where(and(eq(refunds.orderId, order.id), eq(refunds.idempotencyKey, key)));
  if (recorded)
    await settleLocalRefund(
      tx,
      order,
      recorded,
      stripeRefund.id,
      stripeRefund.status,
      stripeRefund.failureReason,
      now,
    );
}
