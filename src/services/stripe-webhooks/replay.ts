import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { conferences, stripeEvents } from '../../db/schema/index.ts';
import type { StripeAccounts } from '../../integrations/stripe/index.ts';
import { callStripe } from '../payments/stripe-calls.ts';
import { paymentErrors } from '../payments/index.ts';
import { webhookErrors } from './errors.ts';
import { processStoredEvent, storeStripeEvent, type ProcessResult } from './process-event.ts';
import type { Conference } from '../../db/schema/index.ts';

/** `lanyard stripe replay EVENT_ID`: process a stored event again (D4.7 "staff can replay"). */
export async function replayStripeEvent(
  db: Database,
  accounts: StripeAccounts,
  stripeEventId: string,
  now: Date,
): Promise<{ conference: string; result: ProcessResult }[]> {
  const rows = await db
    .select({ id: stripeEvents.id, conference: conferences })
    .from(stripeEvents)
    .innerJoin(conferences, eq(conferences.id, stripeEvents.conferenceId))
    .where(eq(stripeEvents.stripeId, stripeEventId));
  if (rows.length === 0) throw webhookErrors('EVENT_NOT_FOUND', { eventId: stripeEventId });
  const results = [];
  for (const row of rows) {
    const result = await processStoredEvent(db, accounts, row.conference, row.id, now, {
      force: true,
    });
    results.push({ conference: row.conference.slug, result });
  }
  return results;
}

export interface ReconcileReport {
  listed: number;
  stored: number;
  processed: number;
  failed: number;
}

/**
 * `lanyard stripe reconcile --since 3d`: lists the account's events from Stripe and stores and
 * processes any we missed or failed (a webhook endpoint that was down, a lost delivery).
 */
export async function reconcileStripeEvents(
  db: Database,
  accounts: StripeAccounts,
  conference: Conference,
  since: Date,
  now: Date,
): Promise<ReconcileReport> {
  const account = await accounts.forConference(conference);
  if (!account) throw paymentErrors('PAYMENTS_NOT_CONFIGURED');
  const events = await callStripe(() =>
    account.client.events
      .list({ created: { gte: Math.floor(since.getTime() / 1000) }, limit: 100 })
      .autoPagingToArray({ limit: 10_000 }),
  );
  const report: ReconcileReport = { listed: events.length, stored: 0, processed: 0, failed: 0 };
  // Oldest first, as they happened.
  for (const event of [...events].reverse()) {
    const storedId = await storeStripeEvent(db, conference.id, event);
    report.stored += 1;
    try {
      const result = await processStoredEvent(db, accounts, conference, storedId, now);
      if (result === 'processed') report.processed += 1;
    } catch {
      report.failed += 1;
    }
  }
  return report;
}
