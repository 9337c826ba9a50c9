import Stripe from 'stripe';
import { afterAll, beforeAll } from 'vitest';
import {
  startFakeStripe,
  stripeClientOptions,
  type FakeStripeAccount,
  type RunningFakeStripe,
} from '../fakes/stripe/index.ts';

/**
 * The stand-in started once per test file and driven through the real SDK, so a wire-format
 * mistake fails in the test that uses it. Call `useFakeStripe()` at the top of the file.
 */
export function useFakeStripe() {
  let fake: RunningFakeStripe | undefined;

  beforeAll(async () => {
    fake = await startFakeStripe();
  });

  afterAll(async () => {
    await fake?.stop();
  });

  const running = (): RunningFakeStripe => {
    if (!fake) throw new Error('the Stripe stand-in is not running yet');
    return fake;
  };

  function clientFor(key: string): Stripe {
    return new Stripe(key, { ...stripeClientOptions(running()), maxNetworkRetries: 0 });
  }

  function newAccount(): { account: FakeStripeAccount; stripe: Stripe } {
    const account = running().createAccount();
    return { account, stripe: clientFor(account.secretKey) };
  }

  return { fake: running, clientFor, newAccount };
}

export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the call to fail, but it succeeded');
}

export function createIntent(
  stripe: Stripe,
  extra: Partial<Stripe.PaymentIntentCreateParams> = {},
) {
  return stripe.paymentIntents.create({
    amount: 2500,
    currency: 'eur',
    ...extra,
    metadata: { order: 'ord_1', ...extra.metadata },
  });
}
