import Stripe from 'stripe';
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
