import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { eventProcessingExceptions, stripeEvents, type Conference } from '../../db/schema/index.ts';
import { withTx } from '../../db/transactions.ts';
import type { PaymentGateways, ReceivedEvent } from '../../integrations/payments/index.ts';
import { sendCardRefund } from '../refunds/index.ts';
import { webhookErrors } from './errors.ts';
import { handlePaymentEvent } from './handlers.ts';
import { fetchRemoteFacts } from './remote-facts.ts';
import { webhookTestHooks } from './test-hooks.ts';

export type ProcessResult = 'processed' | 'already_processed';

/** D4.7: stored insert-or-ignore by event id; the stored row's id comes back either way. */
export async function storeStripeEvent(
  db: Database,
  conferenceId: string,
  event: ReceivedEvent,
): Promise<string> {
  const [inserted] = await db
    .insert(stripeEvents)
    .values({
      conferenceId,
      stripeId: event.id,
      type: event.type,
      livemode: event.livemode,
      apiVersion: event.apiVersion,
      payload: event.payload,
      createdAt: event.created,
    })
    .onConflictDoNothing()
    .returning({ id: stripeEvents.id });
  if (inserted) return inserted.id;
  const [existing] = await db
    .select({ id: stripeEvents.id })
    .from(stripeEvents)
    .where(
      sql`${stripeEvents.conferenceId} = ${conferenceId} AND ${stripeEvents.stripeId} = ${event.id}`,
    );
  if (!existing) throw new Error(`stored event ${event.id} vanished`);
  return existing.id;
}

/**
 * Handles one stored event in one transaction. The event row is locked first, so five
 * concurrent deliveries of one event run one after another and only the first does the work;
 * every transition below is also guarded by current state (D4.7). A failure rolls back, is
 * recorded as a processing exception, and answers 5xx so Stripe delivers again. `force` (replay)
 * runs an already processed event again, which the guards make harmless.
 */
export async function processStoredEvent(
  db: Database,
  gateways: PaymentGateways,
  conference: Conference,
  storedId: string,
  now: Date,
  options: { force?: boolean } = {},
): Promise<ProcessResult> {
  const refundsToSend: string[] = [];
  let eventType = '';
  let result: ProcessResult;
  try {
    const remote = await fetchRemoteFacts(
      db,
      gateways,
      conference,
      storedId,
      options.force ?? false,
    );
    result = await withTx(db, async (tx) => {
      const unguarded = webhookTestHooks.skipEventGuard === true;
      const query = tx.select().from(stripeEvents).where(eq(stripeEvents.id, storedId));
      const [row] = unguarded ? await query : await query.for('update');
      if (!row) throw webhookErrors('EVENT_NOT_FOUND', { id: storedId });
      if (row.processedAt && !options.force && !unguarded) return 'already_processed';
      eventType = row.type;
      await webhookTestHooks.beforeHandle?.(row.type, row.stripeId);
      await handlePaymentEvent(
        { tx, conferenceId: conference.id, now, refundsToSend, remote },
        gateways.readEvent(row.payload),
      );
      await tx
        .update(stripeEvents)
        .set({ processedAt: now, attempts: sql`${stripeEvents.attempts} + 1` })
        .where(eq(stripeEvents.id, storedId));
      return 'processed';
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db.insert(eventProcessingExceptions).values({
      eventId: storedId,
      conferenceId: conference.id,
      message: message.slice(0, 500),
      traceback: error instanceof Error ? (error.stack ?? '') : '',
      data: { type: eventType },
      createdAt: now,
    });
    await db
      .update(stripeEvents)
      .set({ attempts: sql`${stripeEvents.attempts} + 1` })
      .where(eq(stripeEvents.id, storedId));
    throw webhookErrors('WEBHOOK_PROCESSING_FAILED', { eventId: storedId });
  }
  // After commit: a refund that fails to send here stays pending for the retry sweep.
  for (const refundId of refundsToSend)
    await sendCardRefund(db, gateways, refundId, now).catch(() => undefined);
  return result;
}
