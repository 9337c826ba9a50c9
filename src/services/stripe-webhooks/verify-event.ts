import type Stripe from 'stripe';
import { z } from 'zod';
import type { StripeAccount } from '../../integrations/stripe/index.ts';
import { webhookErrors } from './errors.ts';

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

/**
 * HOOK-2 per D4.7, in two steps so each failure has its own answer: a header that does not
 * verify, however malformed (the SDK throws more than its own error type for some), is
 * WEBHOOK_SIGNATURE_INVALID; a verified body that is not JSON or not an event is
 * WEBHOOK_EVENT_INVALID. Either way nothing is stored.
 */
export function verifiedEvent(
  account: StripeAccount,
  rawBody: string,
  signature: string | undefined,
): Stripe.Event {
  const verifier = account.client.webhooks.signature;
  if (!verifier || !signature || signature.length > LONGEST_SIGNATURE_HEADER)
    throw webhookErrors('WEBHOOK_SIGNATURE_INVALID');
  try {
    verifier.verifyHeader(rawBody, signature, account.webhookSecret);
  } catch {
    throw webhookErrors('WEBHOOK_SIGNATURE_INVALID');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody);
  } catch {
    throw webhookErrors('WEBHOOK_EVENT_INVALID', { reason: 'not JSON' });
  }
  const checked = usableEvent.safeParse(parsed);
  if (!checked.success)
    throw webhookErrors('WEBHOOK_EVENT_INVALID', {
      fields: [...new Set(checked.error.issues.map((issue) => issue.path.join('.') || '(body)'))],
    });
  // Checked above for what Lanyard reads; the rest is Stripe's documented shape.
  return checked.data as unknown as Stripe.Event;
}
