import { defineErrors } from '../../domain/errors.ts';

export const webhookErrors = defineErrors({
  WEBHOOK_NOT_CONFIGURED: {
    status: 404,
    message: 'This conference does not accept Stripe webhooks.',
  },
  WEBHOOK_SIGNATURE_INVALID: {
    status: 400,
    message: 'The Stripe-Signature header does not match this payload.',
  },
  WEBHOOK_EVENT_INVALID: {
    status: 400,
    message: 'The payload is correctly signed but is not a Stripe event this endpoint can use.',
  },
  // A 5xx on purpose: Stripe retries, and the redelivery reprocesses the stored event (D4.7).
  WEBHOOK_PROCESSING_FAILED: {
    status: 503,
    message: 'The event was stored but could not be processed; it was recorded for retry.',
  },
  EVENT_NOT_FOUND: { status: 404, message: 'No stored Stripe event has that id.' },
});
