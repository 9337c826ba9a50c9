import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import {
  attendees,
  eventProcessingExceptions,
  orders,
  outbox,
  payments,
  stripeEvents,
} from '../../src/db/schema/index.ts';
import { webhookTestHooks } from '../../src/services/stripe-webhooks/index.ts';
import { makeConference, makeTicketType } from '../factories/index.ts';
import { startFakeStripe, type RunningFakeStripe } from '../fakes/stripe/index.ts';
import { buildTestApp } from '../support/app.ts';
import { buyerClient, makeBuyer } from '../support/buyers.ts';
import { describeEachBackend, describePostgresOnly } from '../support/db.ts';
import { connectStripe, expectNoMoneyDrift, listen } from '../support/money.ts';

describeEachBackend('card payments through the Stripe stand-in', (ctx) => {
  let app: FastifyInstance;
  let fake: RunningFakeStripe;
  let appUrl: string;

  beforeAll(async () => {
    fake = await startFakeStripe();
    app = await buildTestApp(ctx, { stripeApiUrl: fake.url });
    appUrl = await listen(app);
  });
  afterEach(() => {
    webhookTestHooks.beforeHandle = undefined;
  });
  afterAll(async () => {
    // lanyard doctor over everything this suite paid and refunded.
    await expectNoMoneyDrift(ctx.db);
    await app.close();
    await fake.stop();
  });

  async function pendingOrder(options: { holdDeliveries?: boolean; price?: number } = {}) {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference, { price: options.price ?? 12_500 });
    const account = await connectStripe(ctx.db, fake, conference, appUrl, options);
    const buyer = await makeBuyer(ctx.db);
    const client = buyerClient(app, conference.slug, buyer);
    expect((await client.addTicket(ticket.id)).statusCode).toBe(200);
    const checkout = await client.checkout();
    expect(checkout.statusCode).toBe(201);
    const order = checkout.json<{ id: string; reference: string; total: number }>();
    return { conference, ticket, account, buyer, client, order };
  }

  const confirmations = (orderId: string) =>
    ctx.db
      .select()
      .from(outbox)
      .where(
        and(
          eq(outbox.kind, 'email.order_confirmation'),
          eq(outbox.dedupeKey, `email.order_confirmation:${orderId}`),
        ),
      );

  it('PAY-3 a buyer pays by card: PaymentIntent, signed webhook, paid order, attendee, one email', async () => {
    const { account, client, order } = await pendingOrder();
    const started = await client.startCard(order.reference);
    expect(started.statusCode).toBe(200);
    const intent = started.json<{
      paymentIntentId: string;
      clientSecret: string;
      amount: number;
    }>();
    expect(intent).toMatchObject({ amount: 12_500, currency: 'USD', testMode: false });
    expect(intent.clientSecret.startsWith(`${intent.paymentIntentId}_secret_`)).toBe(true);
    const atStripe = account.paymentIntent(intent.paymentIntentId);
    expect(atStripe?.metadata).toMatchObject({
      order_id: order.id,
      order_reference: order.reference,
    });
    expect(atStripe?.customer).toMatch(/^cus_/);

    account.succeedPaymentIntent(intent.paymentIntentId);
    await account.idle();

    const detail = (await client.order(order.reference)).json();
    expect(detail.status).toBe('paid');
    expect(detail.accessCode).toMatch(/^[A-HJ-KM-NP-Z2-9]{8}$/);
    expect(detail.payments).toEqual([
      expect.objectContaining({ method: 'stripe', status: 'succeeded', amount: 12_500 }),
    ]);
    expect(await confirmations(order.id)).toHaveLength(1);
    const deliveries = account.deliveries().filter((d) => d.type === 'payment_intent.succeeded');
    expect(deliveries.map((d) => d.status)).toEqual([200]);
  });

  it('AMT-1 a zero-decimal currency: a JPY order asks Stripe for whole yen, not cents', async () => {
    const conference = await makeConference(ctx.db, { currency: 'JPY' });
    const ticket = await makeTicketType(ctx.db, conference, { price: 12_000 });
    const account = await connectStripe(ctx.db, fake, conference, appUrl);
    const client = buyerClient(app, conference.slug, await makeBuyer(ctx.db));
    await client.addTicket(ticket.id);
    const order = (await client.checkout()).json<{ reference: string; total: number }>();
    expect(order.total).toBe(12_000);
    const started = (await client.startCard(order.reference)).json<{ paymentIntentId: string }>();
    expect(account.paymentIntent(started.paymentIntentId)).toMatchObject({
      amount: 12_000,
      currency: 'jpy',
    });
    account.succeedPaymentIntent(started.paymentIntentId);
    await account.idle();
    expect((await client.order(order.reference)).json()).toMatchObject({
      status: 'paid',
      currency: 'JPY',
    });
  });

  it('D4.2 a double-clicked payment start makes one PaymentIntent and one payment row', async () => {
    const { account, client, order } = await pendingOrder();
    const [a, b, c] = await Promise.all([
      client.startCard(order.reference),
      client.startCard(order.reference),
      client.startCard(order.reference),
    ]);
    const ids = [a, b, c].map((r) => r.json<{ paymentIntentId: string }>().paymentIntentId);
    expect(new Set(ids).size).toBe(1);
    expect(account.paymentIntents()).toHaveLength(1);
    expect(await ctx.db.select().from(payments).where(eq(payments.orderId, order.id))).toHaveLength(
      1,
    );
    // A later retry (e.g. the page reloaded) resumes the same intent.
    const again = (await client.startCard(order.reference)).json<{ paymentIntentId: string }>();
    expect(again.paymentIntentId).toBe(ids[0]);
  });

  it('D4.7 one event delivered 5 times concurrently is processed once', async () => {
    const { account, client, order } = await pendingOrder({ holdDeliveries: true });
    const { paymentIntentId } = (await client.startCard(order.reference)).json<{
      paymentIntentId: string;
    }>();
    account.succeedPaymentIntent(paymentIntentId);
    const [event] = account.heldEvents().filter((e) => e.type === 'payment_intent.succeeded');
    if (!event) throw new Error('no succeeded event');
    const attempts = await account.redeliver(event.id, { times: 5, concurrently: true });
    expect(attempts.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    const stored = await ctx.db
      .select()
      .from(stripeEvents)
      .where(eq(stripeEvents.stripeId, event.id));
    expect(stored).toHaveLength(1);
    expect(stored[0]?.processedAt).not.toBeNull();
    expect(stored[0]?.attempts).toBe(1);
    const rows = await ctx.db.select().from(payments).where(eq(payments.orderId, order.id));
    expect(rows.map((p) => p.status)).toEqual(['succeeded']);
    expect(await confirmations(order.id)).toHaveLength(1);
    expect((await client.order(order.reference)).json().status).toBe('paid');
  });

  it('D4.7 a bad signature is refused with 400 and nothing is stored', async () => {
    const { account, conference } = await pendingOrder();
    const payload = JSON.stringify({
      id: 'evt_forged',
      object: 'event',
      type: 'payment_intent.succeeded',
      data: { object: {} },
    });
    const forged = await app.inject({
      method: 'POST',
      url: `/webhooks/stripe/${conference.slug}`,
      headers: {
        'content-type': 'application/json',
        'stripe-signature': account.signatureFor(payload, 'wrong-secret'),
      },
      payload,
    });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.code).toBe('WEBHOOK_SIGNATURE_INVALID');
    const unsigned = await app.inject({
      method: 'POST',
      url: `/webhooks/stripe/${conference.slug}`,
      headers: { 'content-type': 'application/json' },
      payload,
    });
    expect(unsigned.statusCode).toBe(400);
    expect(
      await ctx.db.select().from(stripeEvents).where(eq(stripeEvents.stripeId, 'evt_forged')),
    ).toEqual([]);
  });

  it('D4.7 a handler that fails once answers 5xx, is recorded, and succeeds on redelivery', async () => {
    const { account, client, order } = await pendingOrder({ holdDeliveries: true });
    const { paymentIntentId } = (await client.startCard(order.reference)).json<{
      paymentIntentId: string;
    }>();
    account.succeedPaymentIntent(paymentIntentId);
    const [event] = account.heldEvents().filter((e) => e.type === 'payment_intent.succeeded');
    if (!event) throw new Error('no succeeded event');
    let failures = 0;
    webhookTestHooks.beforeHandle = (type) => {
      if (type === 'payment_intent.succeeded' && failures === 0) {
        failures += 1;
        throw new Error('database hiccup');
      }
    };
    const [first] = await account.redeliver(event.id);
    expect(first?.status).toBe(503);
    const [stored] = await ctx.db
      .select()
      .from(stripeEvents)
      .where(eq(stripeEvents.stripeId, event.id));
    expect(stored?.processedAt).toBeNull();
    const recorded = await ctx.db
      .select()
      .from(eventProcessingExceptions)
      .where(eq(eventProcessingExceptions.eventId, stored?.id ?? ''));
    expect(recorded.map((r) => r.message)).toEqual(['database hiccup']);
    expect((await client.order(order.reference)).json().status).toBe('pending');

    const [second] = await account.redeliver(event.id);
    expect(second?.status).toBe(200);
    expect((await client.order(order.reference)).json().status).toBe('paid');
  });

  it('D4.4 webhook and browser return race: one payment, one confirmation email', async () => {
    const { account, client, order } = await pendingOrder({ holdDeliveries: true });
    const { paymentIntentId } = (await client.startCard(order.reference)).json<{
      paymentIntentId: string;
    }>();
    account.succeedPaymentIntent(paymentIntentId);
    const [returned] = await Promise.all([
      client.confirmCard(order.reference, paymentIntentId),
      account.deliver({ duplicates: 2, concurrently: true }),
    ]);
    expect(returned.json()).toEqual({ state: 'succeeded', message: '' });
    expect((await client.order(order.reference)).json().status).toBe('paid');
    const rows = await ctx.db.select().from(payments).where(eq(payments.orderId, order.id));
    expect(rows.map((p) => p.status)).toEqual(['succeeded']);
    expect(await confirmations(order.id)).toHaveLength(1);
    const paidEvents = await ctx.db
      .select()
      .from(outbox)
      .where(eq(outbox.dedupeKey, `order.paid:${order.id}`));
    expect(paidEvents).toHaveLength(1);
  });

  it('HOOK-11 a declined card fails the payment, tells the buyer, and the retry reuses the intent', async () => {
    const { account, client, order } = await pendingOrder();
    const { paymentIntentId } = (await client.startCard(order.reference)).json<{
      paymentIntentId: string;
    }>();
    account.failPaymentIntent(paymentIntentId, 'Your card was declined.');
    await account.idle();
    const [row] = await ctx.db.select().from(payments).where(eq(payments.orderId, order.id));
    expect(row?.status).toBe('failed');
    const mails = await ctx.db
      .select()
      .from(outbox)
      .where(
        and(
          eq(outbox.kind, 'email.payment_failed'),
          eq(outbox.conferenceId, row?.conferenceId ?? ''),
        ),
      );
    expect(mails).toHaveLength(1);
    expect(mails[0]?.payload).toMatchObject({
      orderId: order.id,
      message: 'Your card was declined.',
    });
    const returned = (await client.confirmCard(order.reference, paymentIntentId)).json();
    expect(returned).toEqual({ state: 'failed', message: 'Your card was declined.' });

    const retry = (await client.startCard(order.reference)).json<{ paymentIntentId: string }>();
    expect(retry.paymentIntentId).toBe(paymentIntentId);
    account.succeedPaymentIntent(paymentIntentId);
    await account.idle();
    expect((await client.order(order.reference)).json().status).toBe('paid');
    const [attendee] = await ctx.db.select().from(attendees).where(eq(attendees.orderId, order.id));
    expect(attendee?.isActive).toBe(true);
  });

  it('PAY-3 refuses clearly: another buyer’s order, a paid order, a conference without Stripe', async () => {
    const { conference, client, order, account } = await pendingOrder();
    const stranger = buyerClient(app, conference.slug, await makeBuyer(ctx.db));
    const foreign = await stranger.startCard(order.reference);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('ORDER_NOT_FOUND');
    const { paymentIntentId } = (await client.startCard(order.reference)).json<{
      paymentIntentId: string;
    }>();
    account.succeedPaymentIntent(paymentIntentId);
    await account.idle();
    const again = await client.startCard(order.reference);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ORDER_NOT_PAYABLE');

    const bare = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, bare, { price: 1_000 });
    const other = buyerClient(app, bare.slug, await makeBuyer(ctx.db));
    await other.addTicket(ticket.id);
    const pending = (await other.checkout()).json<{ reference: string }>();
    const refused = await other.startCard(pending.reference);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('PAYMENTS_NOT_CONFIGURED');
    const [unpaid] = await ctx.db
      .select()
      .from(orders)
      .where(eq(orders.reference, pending.reference));
    expect(unpaid?.status).toBe('pending');
  });
});

describePostgresOnly('webhook dedupe negative control', (ctx) => {
  it('D4.7 without the event guard, five concurrent deliveries each process the event; the state guards still pay once', async () => {
    const fake = await startFakeStripe();
    const app = await buildTestApp(ctx, { stripeApiUrl: fake.url });
    const appUrl = await listen(app);
    try {
      const conference = await makeConference(ctx.db);
      const ticket = await makeTicketType(ctx.db, conference, { price: 5_000 });
      const account = await connectStripe(ctx.db, fake, conference, appUrl, {
        holdDeliveries: true,
      });
      const client = buyerClient(app, conference.slug, await makeBuyer(ctx.db));
      await client.addTicket(ticket.id);
      const order = (await client.checkout()).json<{ id: string; reference: string }>();
      const { paymentIntentId } = (await client.startCard(order.reference)).json<{
        paymentIntentId: string;
      }>();
      account.succeedPaymentIntent(paymentIntentId);
      const [event] = account.heldEvents().filter((e) => e.type === 'payment_intent.succeeded');
      if (!event) throw new Error('no succeeded event');
      webhookTestHooks.skipEventGuard = true;
      await account.redeliver(event.id, { times: 5, concurrently: true });
      const [stored] = await ctx.db
        .select()
        .from(stripeEvents)
        .where(eq(stripeEvents.stripeId, event.id));
      expect(stored?.attempts).toBe(5);
      const rows = await ctx.db.select().from(payments).where(eq(payments.orderId, order.id));
      expect(rows.map((p) => p.status)).toEqual(['succeeded']);
      const mails = await ctx.db
        .select()
        .from(outbox)
        .where(eq(outbox.dedupeKey, `email.order_confirmation:${order.id}`));
      expect(mails).toHaveLength(1);
    } finally {
      webhookTestHooks.skipEventGuard = undefined;
      await app.close();
      await fake.stop();
    }
  });
});
