import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { conferences, orders, payments } from '../../db/schema/index.ts';
import type { StripeAccounts } from '../../integrations/stripe/index.ts';
import { cancelAttemptIntent } from './stripe-calls.ts';

/**
 * D2.5: an order whose hold lapsed (or that the buyer cancelled) also gives up its PaymentIntent,
 * so the card form cannot be paid later. Runs after the hold sweep; a payment that still arrives
 * is handled by D2.6 (revive or refund).
 */
export async function cancelAbandonedIntents(
  db: Database,
  accounts: StripeAccounts,
  now: Date,
  batchSize = 50,
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
      ),
    )
    .limit(batchSize);
  let cancelled = 0;
  for (const { payment, conference } of open) {
    const account = await accounts.forConference(conference);
    if (!account || !(await cancelAttemptIntent(account, payment))) continue;
    await db
      .update(payments)
      .set({ status: 'cancelled', updatedAt: now })
      .where(and(eq(payments.id, payment.id), inArray(payments.status, ['pending', 'failed'])));
    cancelled += 1;
  }
  return cancelled;
}
