import { and, eq, isNull, lte } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { conferences, payments, refunds, type Order, type Refund } from '../../db/schema/index.ts';
import { withTx } from '../../db/transactions.ts';
import { isFinalRefusal, type PaymentGateways } from '../../integrations/payments/index.ts';
import { lockOrder } from '../orders/index.ts';
import { settleLocalRefund } from './stripe-refunds.ts';

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

/**
 * Sends one recorded card refund to Stripe, outside any transaction (D4.3), keyed by the refund's
 * id so a retry after a crash or timeout cannot refund twice. An outage leaves it pending for the
 * retry sweep; a refusal marks it failed and gives the lines back.
 */
export async function sendCardRefund(
  db: Database,
  gateways: PaymentGateways,
  refundId: string,
  now: Date,
): Promise<SentRefund> {
  const context = await loadRefundContext(db, refundId);
  if (!context) throw new Error(`card refund ${refundId} has no payment`);
  const { refund, payment, conference } = context;
  const gateway = await gateways.forConference(conference);
  let outcome: { id: string | null; status: Refund['status']; failure: string } | null = null;
  if (!gateway || !payment.stripePaymentIntentId) {
    outcome = { id: null, status: 'failed', failure: 'card payments are not configured' };
  } else if (refund.status === 'pending' && !refund.stripeRefundId) {
    try {
      const sent = await gateway.createRefund({
        intentId: payment.stripePaymentIntentId,
        amount: refund.amount,
        tags: { refundId: refund.id, orderId: refund.orderId },
        idempotencyKey: `lanyard-refund-${refund.id}`,
      });
      outcome = { id: sent.id, status: sent.status, failure: sent.failureReason };
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
  gateways: PaymentGateways,
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
  for (const { id } of due) await sendCardRefund(db, gateways, id, now).catch(() => undefined);
  return due.length;
}
