import type Stripe from 'stripe';
import { z } from 'zod';
import type { PaymentEvent, ReceivedEvent, WebhookCheck } from '../payments/index.ts';
import { cardIntentOf, chargeRefundedOf, disputeOf, gatewayRefundOf } from './stripe-objects.ts';

/** Stripe's header is a timestamp and one or two signatures; anything far longer is not one. */
const LONGEST_SIGNATURE_HEADER = 2_000;

/** The fields Lanyard stores and dispatches on; an event without them cannot be processed. */
const usableEvent = z.looseObject({
  id: z.string().min(1).max(255),
  type: z.string().min(1).max(255),
  created: z.number().int().nonnegative(),
  livemode: z.boolean().optional(),
  api_version: z.string().nullable().optional(),
  data: z.looseObject({ object: z.record(z.string(), z.unknown()) }),
});

/** An event from the API or a verified delivery, as Lanyard stores it. */
export function receivedEventOf(event: Stripe.Event | z.infer<typeof usableEvent>): ReceivedEvent {
  return {
    id: event.id,
    type: event.type,
    created: new Date(event.created * 1000),
    livemode: event.livemode ?? false,
    apiVersion: event.api_version ?? '',
    payload: event as unknown as Record<string, unknown>,
  };
}

/**
 * HOOK-2 per D4.7, in two steps so each failure has its own answer: a header that does not
 * verify, however malformed (the SDK throws more than its own error type for some), is a
 * signature problem; a verified body that is not JSON or not an event is `not_an_event`.
 */
export function verifyStripeWebhook(
  client: Stripe,
  webhookSecret: string,
  rawBody: string,
  signature: string | undefined,
): WebhookCheck {
  const verifier = client.webhooks.signature;
  if (!verifier || !webhookSecret || !signature || signature.length > LONGEST_SIGNATURE_HEADER)
    return { ok: false, problem: 'signature' };
  try {
    verifier.verifyHeader(rawBody, signature, webhookSecret);
  } catch {
    return { ok: false, problem: 'signature' };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody);
  } catch {
    return { ok: false, problem: 'not_an_event', details: { reason: 'not JSON' } };
  }
  const checked = usableEvent.safeParse(parsed);
  if (!checked.success)
    return {
      ok: false,
      problem: 'not_an_event',
      details: {
        fields: [...new Set(checked.error.issues.map((issue) => issue.path.join('.') || '(body)'))],
      },
    };
  return { ok: true, event: receivedEventOf(checked.data) };
}

/**
 * A stored Stripe event in Lanyard's terms. The payload was checked for what Lanyard stores when
 * it arrived; the object inside is Stripe's documented shape for the pinned API version (D4.11).
 */
export function readStripeEvent(payload: unknown): PaymentEvent {
  const event = payload as Stripe.Event;
  switch (event.type) {
    case 'payment_intent.succeeded':
      return { kind: 'payment_succeeded', intent: cardIntentOf(event.data.object) };
    case 'payment_intent.payment_failed':
      return { kind: 'payment_failed', intent: cardIntentOf(event.data.object) };
    case 'payment_intent.canceled':
      return { kind: 'payment_cancelled', intent: cardIntentOf(event.data.object) };
    case 'charge.refunded':
      return { kind: 'charge_refunded', charge: chargeRefundedOf(event.data.object) };
    case 'refund.created':
    case 'refund.updated':
    case 'charge.refund.updated':
      return { kind: 'refund_updated', refund: gatewayRefundOf(event.data.object) };
    case 'charge.dispute.created':
      return { kind: 'dispute_opened', dispute: disputeOf(event.data.object) };
    case 'charge.dispute.closed':
      return { kind: 'dispute_closed', dispute: disputeOf(event.data.object) };
    default:
      return { kind: 'ignored', type: event.type };
  }
}
