import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import type { CardIntent } from '../../integrations/payments/index.ts';
import { outbox, payments, type Order } from '../../db/schema/index.ts';
import { insertPayment, insertRefund, lockOrder, transitionPayments } from '../orders/index.ts';
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

export function successOfIntent(intent: CardIntent): CardSuccessFacts {
  return {
    intentId: intent.id,
    orderId: intent.orderId,
    amount: intent.amountReceived || intent.amount,
    currency: intent.currency,
    chargeId: intent.chargeId,
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
    const [moved] = await transitionPayments(
      tx,
      { paymentId: existing.id },
      { from: [existing.status], to: 'succeeded', set: { amount, stripeChargeId: chargeId }, now },
    );
    if (!moved) return { kind: 'already_recorded', order };
    paymentId = existing.id;
  } else {
    const inserted = await insertPayment(tx, {
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
    });
    paymentId = inserted.id;
  }
  const outcome = await settlePayment(tx, order, now);
  let refundToSend: string | null = null;
  if (outcome.kind === 'refund_required') {
    const refund = await insertRefund(
      tx,
      {
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
      },
      { onKeyTaken: 'skip' },
    );
    refundToSend = refund?.id ?? null;
  }
  const current =
    outcome.kind === 'paid' ? outcome.order : ((await lockOrder(tx, { id: order.id })) ?? order);
  return { kind: 'settled', order: current, outcome, refundToSend };
}

/** HOOK-11: the card was declined. The order keeps waiting; the buyer is told and can retry. */
export async function recordCardFailure(
  tx: Database,
  intent: CardIntent,
  now: Date,
): Promise<boolean> {
  const [failed] = await transitionPayments(
    tx,
    { intentId: intent.id },
    {
      from: ['pending', 'processing'],
      to: 'failed',
      set: { note: intent.lastFailure?.message ?? '' },
      now,
    },
  );
  if (!failed) return false;
  const attempt = intent.lastFailure?.attempt ?? '';
  await tx
    .insert(outbox)
    .values({
      conferenceId: failed.conferenceId,
      kind: 'email.payment_failed',
      dedupeKey: `email.payment_failed:${intent.id}:${attempt}`,
      payload: {
        orderId: failed.orderId,
        message: intent.lastFailure?.message ?? 'The card was declined.',
      },
      runAfter: now,
    })
    .onConflictDoNothing();
  return true;
}

/** The intent was cancelled (superseded, expired hold, or at Stripe): its row stops waiting. */
export async function recordCardCancellation(
  tx: Database,
  intent: CardIntent,
  now: Date,
): Promise<boolean> {
  const rows = await transitionPayments(
    tx,
    { intentId: intent.id },
    { from: ['pending', 'processing', 'failed'], to: 'cancelled', now },
  );
  return rows.length > 0;
}
