import type { Database } from '../../db/client.ts';
import type { StripeAccounts } from '../../integrations/stripe/index.ts';
import { getConferenceBySlugOrThrow } from '../conferences/index.ts';
import { webhookErrors } from './errors.ts';
import { verifiedEvent } from './verify-event.ts';
import { processStoredEvent, storeStripeEvent, type ProcessResult } from './process-event.ts';

export interface IncomingWebhook {
  slug: string;
  rawBody: string;
  signature: string | undefined;
  now: Date;
}

/** HOOK-1/2 per D4.7: verify (400 if bad signature or not an event), store insert-or-ignore, then process. */
export async function receiveStripeWebhook(
  db: Database,
  accounts: StripeAccounts,
  incoming: IncomingWebhook,
): Promise<{ eventId: string; type: string; result: ProcessResult }> {
  const conference = await getConferenceBySlugOrThrow(db, incoming.slug);
  const account = await accounts.forConference(conference);
  if (!account || !account.webhookSecret) throw webhookErrors('WEBHOOK_NOT_CONFIGURED');
  const event = verifiedEvent(account, incoming.rawBody, incoming.signature);
  const storedId = await storeStripeEvent(db, conference.id, event);
  const result = await processStoredEvent(db, accounts, conference, storedId, incoming.now);
  return { eventId: event.id, type: event.type, result };
}
