import { and, eq, inArray } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Database } from '../../db/client.ts';
import { stripeIdOf } from '../../integrations/stripe/index.ts';
import { outbox, payments, refunds, type Order } from '../../db/schema/index.ts';
import { lockOrder } from './money-facts.ts';
import { settlePayment, type SettleOutcome } from './settle-payment.ts';

export type CardSuccess =
  | { kind: 'not_ours' }
  | { kind: 'already_recorded'; order: Order }
  | { kind: 'settled'; order: Order; outcome: SettleOutcome; refundToSend: string | null };

/** What a succeeded card payment tells us, from a PaymentIntent or from its charge. */
export interface CardSuccessFacts {
  intentId: string;
  /** Our order id, from the intent's metadata or from the payment row we recorded first. */
  orderId: string | null;
  amount: number;
  currency: string;
  chargeId: string | null;
}

export function successOfIntent(intent: Stripe.PaymentIntent): CardSuccessFacts {
  return {
    intentId: intent.id,
    orderId: intent.metadata?.['order_id'] ?? null,
    amount: intent.amount_received || intent.amount,
    currency: intent.currency.toUpperCase(),
    chargeId: stripeIdOf(intent.latest_charge),
  };
}

/**
 * HOOK-10 without W-6/W-8: a succeeded PaymentIntent, from the webhook or the browser return —
 * whichever comes first records it; the other finds the payment already succeeded. Runs inside
 * the caller's transaction with the order locked. Money that cannot buy the order any more is
 * turned into a pending card refund, sent after commit (D2.6, D4.3).
 */
export async function recordCardSuccess(
  tx: Database,
  conferenceId: string,
  success: CardSuccessFacts,
  now: Date,
): Promise<CardSuccess> {
  const { orderId, intentId, amount, chargeId } = success;
  if (!orderId || !/^[0-9a-f-]{36}$/.test(orderId)) return { kind: 'not_ours' };
  const order = await lockOrder(tx, { id: orderId });
  if (!order || order.conferenceId !== conferenceId) return { kind: 'not_ours' };
  const [existing] = await tx
    .select()
    .from(payments)
    .where(eq(payments.stripePaymentIntentId, intentId));
  if (existing?.status === 'succeeded') return { kind: 'already_recorded', order };
  let paymentId: string;
  if (existing) {
    await tx
      .update(payments)
      .set({ status: 'succeeded', amount, stripeChargeId: chargeId, updatedAt: now })
      .where(eq(payments.id, existing.id));
    paymentId = existing.id;
  } else {
    const [inserted] = await tx
      .insert(payments)
      .values({
        orderId: order.id,
        conferenceId,
        method: 'stripe',
        status: 'succeeded',
        amount,
        currency: success.currency,
        stripePaymentIntentId: intentId,
        stripeChargeId: chargeId,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: payments.id });
    if (!inserted) throw new Error('payment insert returned nothing');
    paymentId = inserted.id;
  }
  const outcome = await settlePayment(tx, order, now);
  let refundToSend: string | null = null;
  if (outcome.kind === 'refund_required') {
    const [refund] = await tx
      .insert(refunds)
      .values({
        orderId: order.id,
        conferenceId,
        amount,
        destination: 'card',
        status: 'pending',
        reason: outcome.reason,
        paymentId,
        idempotencyKey: `auto-refund:${intentId}`,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: refunds.id });
    refundToSend = refund?.id ?? null;
  }
  const current =
    outcome.kind === 'paid' ? outcome.order : ((await lockOrder(tx, { id: order.id })) ?? order);
  return { kind: 'settled', order: current, outcome, refundToSend };
}

/** HOOK-11: the card was declined. The order keeps waiting; the buyer is told and can retry. */
export async function recordCardFailure(
  tx: Database,
  intent: Stripe.PaymentIntent,
  now: Date,
): Promise<boolean> {
  const [failed] = await tx
    .update(payments)
    .set({ status: 'failed', note: intent.last_payment_error?.message ?? '', updatedAt: now })
    .where(
      and(
        eq(payments.stripePaymentIntentId, intent.id),
        inArray(payments.status, ['pending', 'processing']),
      ),
    )
    .returning();
  if (!failed) return false;
  const attempt =
    stripeIdOf(intent.last_payment_error?.charge) ?? intent.last_payment_error?.code ?? '';
  await tx
    .insert(outbox)
    .values({
      conferenceId: failed.conferenceId,
      kind: 'email.payment_failed',
      dedupeKey: `email.payment_failed:${intent.id}:${attempt}`,
      payload: {
        orderId: failed.orderId,
        message: intent.last_payment_error?.message ?? 'The card was declined.',
      },
      runAfter: now,
    })
    .onConflictDoNothing();
  return true;
}

/** The intent was cancelled (superseded, expired hold, or at Stripe): its row stops waiting. */
export async function recordCardCancellation(
  tx: Database,
  intent: Stripe.PaymentIntent,
  now: Date,
): Promise<boolean> {
  const rows = await tx
    .update(payments)
    .set({ status: 'cancelled', updatedAt: now })
    .where(
      and(
        eq(payments.stripePaymentIntentId, intent.id),
        inArray(payments.status, ['pending', 'processing', 'failed']),
      ),
    )
    .returning({ id: payments.id });
  return rows.length > 0;
}
