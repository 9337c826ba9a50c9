import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { stripeEvents, type Conference } from '../../db/schema/index.ts';
import type { GatewayRefund, PaymentGateways } from '../../integrations/payments/index.ts';
import { paymentErrors } from '../payments/index.ts';
import { webhookTestHooks } from './test-hooks.ts';

/** What a handler needs from the provider besides the event itself. */
export interface RemoteFacts {
  /** The refunds behind each refunded charge, by charge id. */
  chargeRefunds: ReadonlyMap<string, GatewayRefund[]>;
}

export const NO_REMOTE_FACTS: RemoteFacts = { chargeRefunds: new Map() };

/**
 * Fetched before the event's transaction opens, so no lock is held while Stripe answers (D4.3).
 * A charge's refunded event carries the charge's running total but, since API 2022-11-15, not
 * the refunds that make it up (D4.11); they are listed here so each is recorded by its id.
 */
export async function fetchRemoteFacts(
  db: Database,
  gateways: PaymentGateways,
  conference: Conference,
  storedId: string,
  force: boolean,
): Promise<RemoteFacts> {
  const [row] = await db
    .select({ payload: stripeEvents.payload, processedAt: stripeEvents.processedAt })
    .from(stripeEvents)
    .where(eq(stripeEvents.id, storedId));
  if (!row || (row.processedAt && !force && !webhookTestHooks.skipEventGuard))
    return NO_REMOTE_FACTS;
  const event = gateways.readEvent(row.payload);
  if (event.kind !== 'charge_refunded') return NO_REMOTE_FACTS;
  const { chargeId } = event.charge;
  const gateway = await gateways.forConference(conference);
  if (!gateway) throw paymentErrors('PAYMENTS_NOT_CONFIGURED');
  return { chargeRefunds: new Map([[chargeId, await gateway.listChargeRefunds(chargeId)]]) };
}
