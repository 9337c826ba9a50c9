import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import type { Conference } from '../../src/db/schema/index.ts';
import { findMoneyDrift } from '../../src/services/doctor/index.ts';
import { setStripeCredentials } from '../../src/services/payments/index.ts';
import type { FakeStripeAccount, RunningFakeStripe } from '../fakes/stripe/index.ts';
import { TEST_SECRET_BOX } from './app.ts';

/**
 * Gives the conference its own account at the Stripe stand-in, stores the keys the way an
 * organiser would (encrypted), and points the account's webhooks at the listening app.
 */
export async function connectStripe(
  db: Database,
  fake: RunningFakeStripe,
  conference: Conference,
  appUrl: string,
  options: { holdDeliveries?: boolean } = {},
): Promise<FakeStripeAccount> {
  const account = fake.createAccount({
    webhookUrl: `${appUrl}/webhooks/stripe/${conference.slug}`,
    holdDeliveries: options.holdDeliveries ?? false,
  });
  await setStripeCredentials(
    db,
    TEST_SECRET_BOX,
    conference.id,
    {
      secretKey: account.secretKey,
      publishableKey: account.publishableKey,
      webhookSecret: account.webhookSecret,
    },
    new Date(),
    { actor: { kind: 'operator' } },
  );
  return account;
}

/** Starts the app on a real port, so the stand-in can deliver webhooks to it. */
export async function listen(app: FastifyInstance): Promise<string> {
  return app.listen({ host: '127.0.0.1', port: 0 });
}

/** `lanyard doctor` over the suite's database: payments minus refunds match every order. */
export async function expectNoMoneyDrift(db: Database): Promise<void> {
  expect(await findMoneyDrift(db, new Date())).toEqual([]);
}
