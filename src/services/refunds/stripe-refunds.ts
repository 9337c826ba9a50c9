import { and, eq, or } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Database } from '../../db/client.ts';
import { stripeIdOf } from '../../integrations/stripe/index.ts';
import { payments, refunds, type Order, type Payment, type Refund } from '../../db/schema/index.ts';
import { flagOrder, lockOrder } from '../payments/money-facts.ts';
import { applySucceededRefund, cancelRefundedUnits } from './refund-effects.ts';

type LocalStatus = Refund['status'];

/** Stripe's refund states mapped onto ours: `pending`/`requires_action` keep waiting. */
export function localRefundStatus(status: string | null): LocalStatus {
  if (status === 'succeeded') return 'succeeded';
  if (status === 'failed' || status === 'canceled') return 'failed';
  return 'pending';
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
  const [updated] = await tx
    .update(refunds)
    .set({ stripeRefundId, status, failureMessage: failure, updatedAt: now })
    .where(and(eq(refunds.id, refund.id), eq(refunds.status, 'pending')))
    .returning();
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
  stripeRefund: Stripe.Refund,
  now: Date,
): Promise<'applied' | 'unknown_payment'> {
  const ours = stripeRefund.metadata?.['lanyard_refund_id'];
  const [known] = await tx
    .select()
    .from(refunds)
    .where(
      ours && /^[0-9a-f-]{36}$/.test(ours)
        ? or(eq(refunds.stripeRefundId, stripeRefund.id), eq(refunds.id, ours))
        : eq(refunds.stripeRefundId, stripeRefund.id),
    );
  const status = localRefundStatus(stripeRefund.status);
  const failure = stripeRefund.failure_reason ?? '';
  if (known) {
    const order = await lockOrder(tx, { id: known.orderId });
    if (order) await settleLocalRefund(tx, order, known, stripeRefund.id, status, failure, now);
    return 'applied';
  }
  const intentId = stripeIdOf(stripeRefund.payment_intent);
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
  stripeRefund: Stripe.Refund,
  now: Date,
): Promise<void> {
  const order = await lockOrder(tx, { id: payment.orderId });
  if (!order) return;
  const key = `stripe:${stripeRefund.id}`;
  const [inserted] = await tx
    .insert(refunds)
    .values({
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
    })
    .onConflictDoNothing()
    .returning();
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
      localRefundStatus(stripeRefund.status),
      stripeRefund.failure_reason ?? '',
      now,
    );
}
