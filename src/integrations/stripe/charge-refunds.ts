import type Stripe from 'stripe';
import type { StripeClient } from './client.ts';

/** Far more refunds than one charge ever gets; the list stops there rather than run away. */
const MOST_REFUNDS_PER_CHARGE = 1_000;

/**
 * Every refund of one charge, newest first. Since API version 2022-11-15 neither a Charge nor its
 * `charge.refunded` event carries this list (D4.11), so whoever needs the refunds behind a
 * charge's running total asks for them by id here.
 */
export function listChargeRefunds(
  client: StripeClient,
  chargeId: string,
): Promise<Stripe.Refund[]> {
  return client.refunds
    .list({ charge: chargeId, limit: 100 })
    .autoPagingToArray({ limit: MOST_REFUNDS_PER_CHARGE });
}
