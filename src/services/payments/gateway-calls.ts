import type { Payment } from '../../db/schema/index.ts';
import { isGatewayError, type PaymentGateway } from '../../integrations/payments/index.ts';
import { paymentErrors } from './errors.ts';

/**
 * Runs one call to the payment provider; any failure there (an outage, a refusal) becomes a
 * clear 502 for the buyer (nothing was charged), while programming errors stay loud.
 */
export async function callGateway<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isGatewayError(error))
      throw paymentErrors('PAYMENT_PROVIDER_UNAVAILABLE', {
        provider: error.provider,
        kind: error.kind,
      });
    throw error;
  }
}

/**
 * Cancels the PaymentIntent of one payment attempt (superseded, or its order lapsed), keyed by the
 * attempt so a retry is harmless. Resolves false when the provider refuses, e.g. the intent
 * succeeded meanwhile: its webhook then settles the payment instead.
 */
export async function cancelAttemptIntent(
  gateway: PaymentGateway,
  payment: Payment,
): Promise<boolean> {
  if (!payment.stripePaymentIntentId) return false;
  try {
    await gateway.cancelIntent(payment.stripePaymentIntentId, `cancel-${payment.id}`);
    return true;
  } catch {
    return false;
  }
}
