import type { Database } from '../../db/client.ts';
import type { PaymentGateways } from '../../integrations/payments/index.ts';
import { getConferenceBySlugOrThrow } from '../conferences/index.ts';
import { webhookErrors } from './errors.ts';
import { processStoredEvent, storeStripeEvent, type ProcessResult } from './process-event.ts';

export interface IncomingWebhook {
  slug: string;
  rawBody: string;
  signature: string | undefined;
  now: Date;
}

/**
 * HOOK-1/2 per D4.7: verify (400 if the signature is bad, or the signed body is not an event),
 * store insert-or-ignore, then process. Nothing is stored before it verifies.
 */
export async function receiveStripeWebhook(
  db: Database,
  gateways: PaymentGateways,
  incoming: IncomingWebhook,
): Promise<{ eventId: string; type: string; result: ProcessResult }> {
  const conference = await getConferenceBySlugOrThrow(db, incoming.slug);
  const gateway = await gateways.forConference(conference);
  if (!gateway || !gateway.acceptsWebhooks) throw webhookErrors('WEBHOOK_NOT_CONFIGURED');
  const checked = gateway.verifyWebhook(incoming.rawBody, incoming.signature);
  if (!checked.ok && checked.problem === 'signature')
    throw webhookErrors('WEBHOOK_SIGNATURE_INVALID');
  if (!checked.ok) throw webhookErrors('WEBHOOK_EVENT_INVALID', checked.details);
  const { event } = checked;
  const storedId = await storeStripeEvent(db, conference.id, event);
  const result = await processStoredEvent(db, gateways, conference, storedId, incoming.now);
  return { eventId: event.id, type: event.type, result };
}
