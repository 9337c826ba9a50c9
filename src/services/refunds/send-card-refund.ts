import { and, eq, isNull, lte } from 'drizzle-orm';
import Stripe from 'stripe';
import type { Database } from '../../db/client.ts';
import { conferences, payments, refunds, type Order, type Refund } from '../../db/schema/index.ts';
import { withTx } from '../../db/transactions.ts';
import type { StripeAccounts } from '../../integrations/stripe/index.ts';
import { lockOrder } from '../payments/money-facts.ts';
import { localRefundStatus, settleLocalRefund } from './stripe-refunds.ts';

export interface SentRefund {
  refund: Refund;
  order: Order;
}

async function loadRefundContext(db: Database, refundId: string) {
  const [row] = await db
    .select({ refund: refunds, payment: payments, conference: conferences })
    .from(refunds)
    .innerJoin(payments, eq(payments.id, refunds.paymentId))
    .innerJoin(conferences, eq(conferences.id, refunds.conferenceId))
    .where(eq(refunds.id, refundId));
  return row;
}

/** A refusal Stripe will repeat on retry (bad request, already refunded), unlike an outage. */
function isFinalRefusal(error: unknown): error is Stripe.errors.StripeError {
  return (
    error instanceof Stripe.errors.StripeInvalidRequestError ||
    error instanceof Stripe.errors.StripeCardError ||
    error instanceof Stripe.errors.StripePermissionError
  );
}

/**
 * Sends one recorded card refund to Stripe, outside any transaction (D4.3), keyed by the refund's
 * id so a retry after a crash or timeout cannot refund twice. An outage leaves it pending for the
 * retry sweep; a refusal marks it failed and gives the lines back.
 */
export async function sendCardRefund(
  db: Database,
  accounts: StripeAccounts,
  refundId: string,
  now: Date,
): Promise<SentRefund> {
  const context = await loadRefundContext(db, refundId);
  if (!context) throw new Error(`card refund ${refundId} has no payment`);
  const { refund, payment, conference } = context;
  const account = await accounts.forConference(conference);
  let outcome: { id: string | null; status: Refund['status']; failure: string } | null = null;
  if (!account || !payment.stripePaymentIntentId) {
    outcome = { id: null, status: 'failed', failure: 'card payments are not configured' };
  } else if (refund.status === 'pending' && !refund.stripeRefundId) {
    try {
      const sent = await account.client.refunds.create(
        {
          payment_intent: payment.stripePaymentIntentId,
          amount: refund.amount,
          metadata: { lanyard_refund_id: refund.id, order_id: refund.orderId },
        },
        { idempotencyKey: `lanyard-refund-${refund.id}` },
      );
      outcome = {
        id: sent.id,
        status: localRefundStatus(sent.status),
        failure: sent.failure_reason ?? '',
      };
    } catch (error) {
      if (!isFinalRefusal(error)) throw error;
      outcome = { id: null, status: 'failed', failure: error.message };
    }
  }
  return withTx(db, async (tx) => {
    const order = await lockOrder(tx, { id: refund.orderId });
    const [current] = await tx.select().from(refunds).where(eq(refunds.id, refund.id));
    if (!order || !current) throw new Error(`refund ${refund.id} vanished`);
    if (!outcome) return { refund: current, order };
    return settleLocalRefund(
      tx,
      order,
      current,
      outcome.id ?? current.stripeRefundId,
      outcome.status,
      outcome.failure,
      now,
    );
  });
}

/** The retry sweep: card refunds recorded but never confirmed by Stripe (crash, outage). */
export async function resendPendingCardRefunds(
  db: Database,
  accounts: StripeAccounts,
  now: Date,
  olderThanMs = 60_000,
): Promise<number> {
  const due = await db
    .select({ id: refunds.id })
    .from(refunds)
    .where(
      and(
        eq(refunds.status, 'pending'),
        eq(refunds.destination, 'card'),
        isNull(refunds.stripeRefundId),
        lte(refunds.createdAt, new Date(now.getTime() - olderThanMs)),
      ),
    )
    .limit(50);
  for (const { id } of due) await sendCardRefund(db, accounts, id, now).catch(() => undefined);
  return due.length;
}
