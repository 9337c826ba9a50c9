import Stripe from 'stripe';
import { GatewayError, type GatewayErrorKind } from '../payments/index.ts';

function kindOf(error: Stripe.errors.StripeError): GatewayErrorKind {
  if (error instanceof Stripe.errors.StripeCardError) return 'declined';
  if (error instanceof Stripe.errors.StripeIdempotencyError) return 'idempotency_conflict';
  if (error instanceof Stripe.errors.StripeInvalidRequestError)
    return error.code === 'resource_missing' ? 'not_found' : 'invalid_request';
  if (error instanceof Stripe.errors.StripePermissionError) return 'forbidden';
  if (error instanceof Stripe.errors.StripeAuthenticationError) return 'unauthenticated';
  // Connection failures, timeouts, Stripe's 5xx, rate limits and anything newer: try later.
  return 'unavailable';
}

/** The SDK's error as Lanyard's; anything that is not a Stripe error (a bug) passes unchanged. */
export function toGatewayError(error: unknown): unknown {
  if (!(error instanceof Stripe.errors.StripeError)) return error;
  return new GatewayError(kindOf(error), error.message, 'stripe', error.param ?? null);
}

/** Runs one SDK call; its failure leaves as a `GatewayError`. */
export async function stripeCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toGatewayError(error);
  }
}
