import { and, eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Database } from '../../db/client.ts';
import { stripeIdOf } from '../../integrations/stripe/index.ts';
import { payments } from '../../db/schema/index.ts';
import {
  flagOrder,
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

async function onIntentSucceeded(ctx: HandlerContext, intent: Stripe.PaymentIntent): Promise<void> {
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
async function onChargeRefunded(ctx: HandlerContext, charge: Stripe.Charge): Promise<void> {
  const intentId = stripeIdOf(charge.payment_intent);
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
        amount: charge.amount_captured || charge.amount,
        currency: charge.currency.toUpperCase(),
        chargeId: charge.id,
      },
      ctx.now,
    );
    if (result.kind === 'settled' && result.refundToSend)
      ctx.refundsToSend.push(result.refundToSend);
  }
  const listed = ctx.remote.chargeRefunds.get(charge.id);
  if (!listed) throw new Error(`the refunds of charge ${charge.id} were not listed`);
  for (const refund of listed) await applyStripeRefund(ctx.tx, ctx.conferenceId, refund, ctx.now);
}

async function onDispute(
  ctx: HandlerContext,
  dispute: Stripe.Dispute,
  opened: boolean,
): Promise<void> {
  const intentId = stripeIdOf(dispute.payment_intent);
  const chargeId = stripeIdOf(dispute.charge);
  const [payment] = await ctx.tx
    .select({ orderId: payments.orderId })
    .from(payments)
    .where(
      and(
        eq(payments.conferenceId, ctx.conferenceId),
        intentId
          ? eq(payments.stripePaymentIntentId, intentId)
          : eq(payments.stripeChargeId, chargeId ?? ''),
      ),
    );
  if (!payment) return;
  const reason = opened
    ? `Dispute ${dispute.id} opened (${dispute.reason}) for ${dispute.amount} minor units.`
    : `Dispute ${dispute.id} closed: ${dispute.status}.`;
  await flagOrder(ctx.tx, payment.orderId, reason, ctx.now);
}

/** HOOK-5 and more; an event of any other type is stored and marked processed. */
export async function handleStripeEvent(ctx: HandlerContext, event: Stripe.Event): Promise<void> {
  switch (event.type) {
    case 'payment_intent.succeeded':
      return onIntentSucceeded(ctx, event.data.object);
    case 'payment_intent.payment_failed':
      await recordCardFailure(ctx.tx, event.data.object, ctx.now);
      return;
    case 'payment_intent.canceled':
      await recordCardCancellation(ctx.tx, event.data.object, ctx.now);
      return;
    case 'charge.refunded':
      return onChargeRefunded(ctx, event.data.object);
    case 'refund.created':
    case 'refund.updated':
    case 'charge.refund.updated':
      await applyStripeRefund(ctx.tx, ctx.conferenceId, event.data.object, ctx.now);
      return;
    case 'charge.dispute.created':
      return onDispute(ctx, event.data.object, true);
    case 'charge.dispute.closed':
      return onDispute(ctx, event.data.object, false);
    default:
      return;
  }
}

export const HANDLED_EVENT_TYPES = [
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'payment_intent.canceled',
  'charge.refunded',
  'refund.created',
  'refund.updated',
  'charge.refund.updated',
  'charge.dispute.created',
  'charge.dispute.closed',
] as const;
