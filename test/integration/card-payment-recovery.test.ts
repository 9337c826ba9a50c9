import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import Stripe from 'stripe';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { payments } from '../../src/db/schema/index.ts';
import { makeConference, makeTicketType } from '../factories/index.ts';
import {
  startFakeStripe,
  stripeClientOptions,
  type RunningFakeStripe,
} from '../fakes/stripe/index.ts';
import { buildTestApp } from '../support/app.ts';
import { buyerClient, makeBuyer } from '../support/buyers.ts';
import { describeEachBackend } from '../support/db.ts';
import { connectStripe, expectNoMoneyDrift, listen } from '../support/money.ts';

// D4.2/D4.3: an order whose stored PaymentIntent Stripe no longer knows (the keys changed) or
// that can no longer be paid (cancelled at Stripe) gets a new intent, idempotently, and the old
// attempt ends cancelled so nothing shows a card payment that never happened.

interface Started {
  paymentIntentId: string;
}

describeEachBackend('D4.3 a card payment whose stored intent is gone or unusable', (ctx) => {
  let app: FastifyInstance;
  let fake: RunningFakeStripe;
  let appUrl: string;

  beforeAll(async () => {
    fake = await startFakeStripe();
    app = await buildTestApp(ctx, { stripeApiUrl: fake.url });
    appUrl = await listen(app);
  });
  afterAll(async () => {
    await expectNoMoneyDrift(ctx.db);
    await app.close();
    await fake.stop();
  });

  async function startedOrder() {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference, { price: 9_000 });
    const account = await connectStripe(ctx.db, fake, conference, appUrl);
    const client = buyerClient(app, conference.slug, await makeBuyer(ctx.db));
    expect((await client.addTicket(ticket.id)).statusCode).toBe(200);
    const order = (await client.checkout()).json<{ id: string; reference: string }>();
    const first = await client.startCard(order.reference);
    expect(first.statusCode).toBe(200);
    return { conference, account, client, order, first: first.json<Started>() };
  }

  const attempts = async (orderId: string) =>
    (
      await ctx.db
        .select({ intent: payments.stripePaymentIntentId, status: payments.status })
        .from(payments)
        .where(eq(payments.orderId, orderId))
        .orderBy(payments.createdAt)
    ).map((row) => [row.intent, row.status]);

  it('after a change of Stripe keys the next start makes a new intent and the order can be paid', async () => {
    const { conference, client, order, first } = await startedOrder();
    // The organiser moves the conference to another Stripe account, which knows nothing of ours.
    const account = await connectStripe(ctx.db, fake, conference, appUrl);
    const again = await client.startCard(order.reference);
    expect(again.statusCode, again.body).toBe(200);
    const second = again.json<Started>();
    expect(second.paymentIntentId).not.toBe(first.paymentIntentId);
    expect(account.paymentIntent(second.paymentIntentId)).toBeDefined();
    expect(await attempts(order.id)).toEqual([
      [first.paymentIntentId, 'cancelled'],
      [second.paymentIntentId, 'pending'],
    ]);
    // A reload resumes the new intent rather than making a third.
    const reload = (await client.startCard(order.reference)).json<Started>();
    expect(reload.paymentIntentId).toBe(second.paymentIntentId);

    account.succeedPaymentIntent(second.paymentIntentId);
    await account.idle();
    const view = (await client.order(order.reference)).json<{
      status: string;
      payments: Array<{ status: string }>;
    }>();
    expect(view.status).toBe('paid');
    expect(view.payments.map((p) => p.status).sort()).toEqual(['cancelled', 'succeeded']);
  });

  it('an intent cancelled at Stripe is replaced by a new one, and the order can be paid', async () => {
    const { account, client, order, first } = await startedOrder();
    const stripe = new Stripe(account.secretKey, {
      ...stripeClientOptions(fake),
      maxNetworkRetries: 0,
    });
    account.holdDeliveries(); // the cancellation's webhook has not arrived yet
    await stripe.paymentIntents.cancel(first.paymentIntentId);
    const again = await client.startCard(order.reference);
    expect(again.statusCode, again.body).toBe(200);
    const second = again.json<Started>();
    expect(second.paymentIntentId).not.toBe(first.paymentIntentId);
    expect(account.paymentIntent(second.paymentIntentId)?.status).toBe('requires_payment_method');
    account.succeedPaymentIntent(second.paymentIntentId);
    await account.deliver(); // the late cancellation and the payment, in the order they happened
    expect(await attempts(order.id)).toEqual([
      [first.paymentIntentId, 'cancelled'],
      [second.paymentIntentId, 'succeeded'],
    ]);
    expect((await client.order(order.reference)).json<{ status: string }>().status).toBe('paid');
  });
});
