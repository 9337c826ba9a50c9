import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { payments } from '../../db/schema/index.ts';
import type {
  CardIntent,
  ChargeRefunded,
  Dispute,
  PaymentEvent,
} from '../../integrations/payments/index.ts';
import { flagOrder } from '../orders/index.ts';
import {
  recordCardCancellation,
  recordCardFailure,
  recordCardSuccess,
  successOfIntent,
} from '../payments/index.ts';
import { applyStripeRefund } from '../refunds/index.ts';
import type { RemoteFacts } from './remote-facts.ts';

export interface HandlerContext {
  tx: Database;
  conferenceId: string;
  now: Date;
  /** Card refunds recorded by this event, to send to Stripe after commit (D4.3). */
  refundsToSend: string[];
  /** Read from Stripe before the transaction opened (D4.3). */
  remote: RemoteFacts;
}

async function onIntentSucceeded(ctx: HandlerContext, intent: CardIntent): Promise<void> {
  const result = await recordCardSuccess(
    ctx.tx,
    ctx.conferenceId,
    successOfIntent(intent),
    ctx.now,
  );
  if (result.kind === 'settled' && result.refundToSend) ctx.refundsToSend.push(result.refundToSend);
}

/**
 * HOOK-12 reworked: a charge.refunded may overtake payment_intent.succeeded (the charge proves
 * the money arrived), so the payment is recorded first. Then each refund behind the charge's
 * total is applied by its Stripe id, so refund.created and refund.updated, whenever they come,
 * find it recorded and change nothing (D4.11). The event carries no refund list since API
 * 2022-11-15; the refunds were listed from Stripe before this transaction.
 */
async function onChargeRefunded(ctx: HandlerContext, charge: ChargeRefunded): Promise<void> {
  const { intentId } = charge;
  if (!intentId) return;
  const [payment] = await ctx.tx
    .select()
    .from(payments)
    .where(eq(payments.stripePaymentIntentId, intentId));
  if (!payment || payment.conferenceId !== ctx.conferenceId) return;
  if (payment.status !== 'succeeded' && charge.paid) {
    const result = await recordCardSuccess(
      ctx.tx,
      ctx.conferenceId,
      {
        intentId,
        orderId: payment.orderId,
        amount: charge.amount,
        currency: charge.currency,
        chargeId: charge.chargeId,
      },
      ctx.now,
    );
    if (result.kind === 'settled' && result.refundToSend)
      ctx.refundsToSend.push(result.refundToSend);
  }
  const listed = ctx.remote.chargeRefunds.get(charge.chargeId);
  if (!listed) throw new Error(`the refunds of charge ${charge.chargeId} were not listed`);
  for (const refund of listed) await applyStripeRefund(ctx.tx, ctx.conferenceId, refund, ctx.now);
}

async function onDispute(ctx: HandlerContext, dispute: Dispute, opened: boolean): Promise<void> {
  const [payment] = await ctx.tx
    .select({ orderId: payments.orderId })
    .from(payments)
    .where(
      and(
        eq(payments.conferenceId, ctx.conferenceId),
        dispute.intentId
          ? eq(payments.stripePaymentIntentId, dispute.intentId)
          : eq(payments.stripeChargeId, dispute.chargeId ?? ''),
      ),
    );
  if (!payment) return;
  const reason = opened
    ? `Dispute ${dispute.id} opened (${dispute.reason}) for ${dispute.amount} minor units.`
    : `Dispute ${dispute.id} closed: ${dispute.status}.`;
  await flagOrder(ctx.tx, payment.orderId, reason, ctx.now);
}

/** HOOK-5 and more, on Lanyard's own event union; any other event is stored and marked processed. */
export async function handlePaymentEvent(ctx: HandlerContext, event: PaymentEvent): Promise<void> {
  switch (event.kind) {
    case 'payment_succeeded':
      return onIntentSucceeded(ctx, event.intent);
    case 'payment_failed':
      await recordCardFailure(ctx.tx, event.intent, ctx.now);
      return;
    case 'payment_cancelled':
      await recordCardCancellation(ctx.tx, event.intent, ctx.now);
      return;
    case 'charge_refunded':
      return onChargeRefunded(ctx, event.charge);
    case 'refund_updated':
      await applyStripeRefund(ctx.tx, ctx.conferenceId, event.refund, ctx.now);
      return;
    case 'dispute_opened':
      return onDispute(ctx, event.dispute, true);
    case 'dispute_closed':
      return onDispute(ctx, event.dispute, false);
    case 'ignored':
      return;
  }
}
