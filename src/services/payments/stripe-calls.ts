import Stripe from 'stripe';
import type { Payment } from '../../db/schema/index.ts';
import type { StripeAccount } from '../../integrations/stripe/index.ts';
import { paymentErrors } from './errors.ts';

/**
 * Runs one Stripe call; an outage or an error on Stripe's side becomes a clear 502 for the buyer
 * (nothing was charged), while programming errors stay loud.
 */
export async function callStripe<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError)
      throw paymentErrors('PAYMENT_PROVIDER_UNAVAILABLE', { stripe: error.type });
    throw error;
  }
}

/**
 * Cancels the PaymentIntent of one payment attempt (superseded, or its order lapsed), keyed by the
 * attempt so a retry is harmless. Resolves false when Stripe refuses, e.g. the intent succeeded
 * meanwhile: its webhook then settles the payment instead.
 */
export async function cancelAttemptIntent(
  account: StripeAccount,
  payment: Payment,
): Promise<boolean> {
  if (!payment.stripePaymentIntentId) return false;
  try {
    await account.client.paymentIntents.cancel(
      payment.stripePaymentIntentId,
      {},
      { idempotencyKey: `cancel-${payment.id}` },
    );
    return true;
  } catch {
    return false;
  }
}

/** Stripe's answer when an id names nothing in this account (deleted, or another account's). */
export function isResourceMissing(error: unknown, param?: string): boolean {
  return (
    error instanceof Stripe.errors.StripeInvalidRequestError &&
    error.code === 'resource_missing' &&
    (param === undefined || error.param === param)
  );
}
