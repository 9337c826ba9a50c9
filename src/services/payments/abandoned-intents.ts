import { and, eq, inArray, isNotNull, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { conferences, orders, payments } from '../../db/schema/index.ts';
import type { PaymentGateways } from '../../integrations/payments/index.ts';
import { transitionPayments } from '../orders/index.ts';
import { cancelAttemptIntent } from './gateway-calls.ts';

/**
 * Gives up the open card attempts of cancelled orders (within `scope`): cancelled at Stripe, then
 * locally. An intent Stripe refuses to cancel (it succeeded meanwhile) keeps its row, and its
 * webhook settles the money: revived or refunded (D2.6, D4.10).
 */
async function cancelOpenAttempts(
  db: Database,
  gateways: PaymentGateways,
  now: Date,
  scope: SQL | undefined,
  batchSize: number,
): Promise<number> {
  const open = await db
    .select({ payment: payments, conference: conferences })
    .from(payments)
    .innerJoin(orders, eq(orders.id, payments.orderId))
    .innerJoin(conferences, eq(conferences.id, payments.conferenceId))
    .where(
      and(
        eq(payments.method, 'stripe'),
        inArray(payments.status, ['pending', 'failed']),
        isNotNull(payments.stripePaymentIntentId),
        eq(orders.status, 'cancelled'),
        scope,
      ),
    )
    .limit(batchSize);
  let cancelled = 0;
  for (const { payment, conference } of open) {
    const gateway = await gateways.forConference(conference);
    if (!gateway || !(await cancelAttemptIntent(gateway, payment))) continue;
    await transitionPayments(
      db,
      { paymentId: payment.id },
      { from: ['pending', 'failed'], to: 'cancelled', now },
    );
    cancelled += 1;
  }
  return cancelled;
}

/**
 * D2.5: an order whose hold lapsed (or that the buyer cancelled) also gives up its PaymentIntent,
 * so the card form cannot be paid later. Runs after the hold sweep, and catches up on a buyer
 * cancel whose own call to Stripe failed.
 */
export function cancelAbandonedIntents(
  db: Database,
  gateways: PaymentGateways,
  now: Date,
  batchSize = 50,
): Promise<number> {
  return cancelOpenAttempts(db, gateways, now, undefined, batchSize);
}

/** D4.10 / D4.3: right after a buyer's cancel commits, its order's open intents go too. */
export function cancelIntentsOfOrder(
  db: Database,
  gateways: PaymentGateways,
  orderId: string,
  now: Date,
): Promise<number> {
  return cancelOpenAttempts(db, gateways, now, eq(orders.id, orderId), 50);
}
