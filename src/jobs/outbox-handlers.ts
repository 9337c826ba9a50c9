import { z } from 'zod';
import type { Database } from '../db/client.ts';
import type { Mailer } from '../integrations/mail/index.ts';
import {
  renderOrderConfirmation,
  renderPaymentFailed,
  renderRefundNotice,
  type EmailLinks,
  type RenderedEmail,
} from '../services/emails/index.ts';
import type { ClaimedJob } from '../services/outbox/index.ts';

export interface OutboxDeps {
  mailer: Mailer;
  links: EmailLinks;
  /** Jobs claimed per round; they are delivered concurrently. */
  batchSize?: number;
}

export type OutboxHandler = (db: Database, job: ClaimedJob, deps: OutboxDeps) => Promise<void>;

/** A job that can never succeed (its payload is malformed): retrying would only repeat it. */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

function parsePayload<T>(job: ClaimedJob, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(job.payload);
  if (!parsed.success)
    throw new PermanentJobError(
      `invalid payload for ${job.kind}: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}`,
    );
  return parsed.data;
}

/** Renders after commit and sends; the job id is the message's idempotency key. */
function emailHandler<T>(
  schema: z.ZodType<T>,
  render: (db: Database, payload: T, links: EmailLinks) => Promise<RenderedEmail | null>,
): OutboxHandler {
  return async (db, job, deps) => {
    const email = await render(db, parsePayload(job, schema), deps.links);
    // null: the news went stale before delivery (e.g. a failed payment since paid); nothing to send.
    if (!email) return;
    await deps.mailer.send({
      ...email,
      kind: job.kind.replace(/^email\./, ''),
      idempotencyKey: job.id,
    });
  };
}

const orderPayload = z.object({ orderId: z.uuid() });

/** Every outbox kind this process knows how to deliver; anything else fails with a clear error. */
export const OUTBOX_HANDLERS: ReadonlyMap<string, OutboxHandler> = new Map<string, OutboxHandler>([
  // An event for integrations (Pretalx, QuickBooks); none listens yet, so delivery is acknowledgement.
  ['order.paid', async () => undefined],
  [
    'email.order_confirmation',
    emailHandler(orderPayload, (db, p, links) => renderOrderConfirmation(db, p.orderId, links)),
  ],
  [
    'email.refund_notice',
    emailHandler(z.object({ refundId: z.uuid() }), (db, p, links) =>
      renderRefundNotice(db, p.refundId, links),
    ),
  ],
  [
    'email.payment_failed',
    emailHandler(orderPayload.extend({ message: z.string().default('') }), (db, p, links) =>
      renderPaymentFailed(db, p, links),
    ),
  ],
]);
