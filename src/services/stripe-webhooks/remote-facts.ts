import { eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Database } from '../../db/client.ts';
import { stripeEvents, type Conference } from '../../db/schema/index.ts';
import { listChargeRefunds, type StripeAccounts } from '../../integrations/stripe/index.ts';
import { paymentErrors } from '../payments/index.ts';
import { webhookTestHooks } from './test-hooks.ts';

/** What a handler needs from Stripe besides the event itself. */
export interface RemoteFacts {
  /** The refunds behind each refunded charge, by charge id. */
  chargeRefunds: ReadonlyMap<string, Stripe.Refund[]>;
}

export const NO_REMOTE_FACTS: RemoteFacts = { chargeRefunds: new Map() };

/**
 * Fetched before the event's transaction opens, so no lock is held while Stripe answers (D4.3).
 * A `charge.refunded` carries the charge's running total but, since API 2022-11-15, not the
 * refunds that make it up (D4.11); they are listed here so each is recorded by its id.
 */
export async function fetchRemoteFacts(
  db: Database,
  accounts: StripeAccounts,
  conference: Conference,
  storedId: string,
  force: boolean,
): Promise<RemoteFacts> {
  const [row] = await db
    .select({
      type: stripeEvents.type,
      payload: stripeEvents.payload,
      processedAt: stripeEvents.processedAt,
    })
    .from(stripeEvents)
    .where(eq(stripeEvents.id, storedId));
  if (
    !row ||
    row.type !== 'charge.refunded' ||
    (row.processedAt && !force && !webhookTestHooks.skipEventGuard)
  )
    return NO_REMOTE_FACTS;
  const charge = (row.payload as Stripe.ChargeRefundedEvent).data.object;
  const account = await accounts.forConference(conference);
  if (!account) throw paymentErrors('PAYMENTS_NOT_CONFIGURED');
  return {
    chargeRefunds: new Map([[charge.id, await listChargeRefunds(account.client, charge.id)]]),
  };
}
