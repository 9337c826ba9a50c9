import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { conferences, stripeEvents } from '../../db/schema/index.ts';
import type { PaymentGateways } from '../../integrations/payments/index.ts';
import { callGateway, paymentErrors } from '../payments/index.ts';
import { webhookErrors } from './errors.ts';
import { processStoredEvent, storeStripeEvent, type ProcessResult } from './process-event.ts';
import type { Conference } from '../../db/schema/index.ts';

/** `lanyard stripe replay EVENT_ID`: process a stored event again (D4.7 "staff can replay"). */
export async function replayStripeEvent(
  db: Database,
  gateways: PaymentGateways,
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
    const result = await processStoredEvent(db, gateways, row.conference, row.id, now, {
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
  gateways: PaymentGateways,
  conference: Conference,
  since: Date,
  now: Date,
): Promise<ReconcileReport> {
  const gateway = await gateways.forConference(conference);
  if (!gateway) throw paymentErrors('PAYMENTS_NOT_CONFIGURED');
  const events = await callGateway(() => gateway.listEvents(since));
  const report: ReconcileReport = { listed: events.length, stored: 0, processed: 0, failed: 0 };
  // Oldest first, as they happened.
  for (const event of events) {
    const storedId = await storeStripeEvent(db, conference.id, event);
    report.stored += 1;
    try {
      const result = await processStoredEvent(db, gateways, conference, storedId, now);
      if (result === 'processed') report.processed += 1;
    } catch {
      report.failed += 1;
    }
  }
  return report;
}
