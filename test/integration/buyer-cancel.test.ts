import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { orders, payments, refunds, type Conference } from '../../src/db/schema/index.ts';
import { findMoneyDrift } from '../../src/services/doctor/index.ts';
import { expireHolds } from '../../src/services/orders/index.ts';
import { webhookTestHooks } from '../../src/services/stripe-webhooks/index.ts';
import { makeConference, makeTicketType } from '../factories/index.ts';
import { makeCredit } from '../factories/sales.ts';
import { staffCookie } from '../factories/staff.ts';
import {
  startFakeStripe,
  type FakeStripeAccount,
  type RunningFakeStripe,
} from '../fakes/stripe/index.ts';
import { buildTestApp } from '../support/app.ts';
import { buyerClient, makeBuyer } from '../support/buyers.ts';
import { describeEachBackend, describePostgresOnly, type DbContext } from '../support/db.ts';
import { expectError } from '../support/expect-error.ts';
import { connectStripe, listen } from '../support/money.ts';

interface Harness {
  app: FastifyInstance;
  fake: RunningFakeStripe;
  appUrl: string;
  clock: { now: Date };
}

async function startHarness(ctx: DbContext): Promise<Harness> {
  const clock = { now: new Date() };
  const fake = await startFakeStripe();
  const app = await buildTestApp(ctx, { stripeApiUrl: fake.url, now: () => clock.now });
  return { app, fake, appUrl: await listen(app), clock };
}

/** Helpers shared by the sequential suite (both backends) and the concurrent one (PostgreSQL). */
function buyerFlows(ctx: DbContext, h: () => Harness) {
  async function pendingOrder(options: { holdDeliveries?: boolean; seats?: number } = {}) {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference, {
      price: 10_000,
      totalQuantity: options.seats ?? 0,
    });
    const account = await connectStripe(ctx.db, h().fake, conference, h().appUrl, options);
    const buyer = await makeBuyer(ctx.db);
    const client = buyerClient(h().app, conference.slug, buyer);
    expect((await client.addTicket(ticket.id)).statusCode).toBe(200);
    const placed = await client.checkout();
    expect(placed.statusCode, placed.body).toBe(201);
    const order = placed.json<{ id: string; reference: string; total: number }>();
    return { conference, ticket, account, buyer, client, order };
  }

  async function startCard(client: ReturnType<typeof buyerClient>, reference: string) {
    const started = await client.startCard(reference);
    expect(started.statusCode, started.body).toBe(200);
    return started.json<{ paymentIntentId: string }>().paymentIntentId;
  }

  async function orderRow(id: string) {
    const [row] = await ctx.db.select().from(orders).where(eq(orders.id, id));
    if (!row) throw new Error('order vanished');
    return row;
  }

  const refundsOf = (orderId: string) =>
    ctx.db.select().from(refunds).where(eq(refunds.orderId, orderId));

  /** D4.10: the buyer-cancelled order kept nothing: cancelled, its money recorded and refunded. */
  async function expectCancelledAndRefunded(
    account: FakeStripeAccount,
    order: { id: string; total: number },
    intentId: string,
    conference: Conference,
  ) {
    await account.deliver();
    await account.idle();
    expect(await orderRow(order.id)).toMatchObject({ status: 'cancelled', paidAt: null });
    const paid = await ctx.db.select().from(payments).where(eq(payments.orderId, order.id));
    expect(paid.filter((p) => p.status === 'succeeded').map((p) => p.amount)).toEqual([
      order.total,
    ]);
    expect(await refundsOf(order.id)).toEqual([
      expect.objectContaining({ status: 'succeeded', destination: 'card', amount: order.total }),
    ]);
    expect(account.refunds()).toEqual([
      expect.objectContaining({ payment_intent: intentId, amount: order.total }),
    ]);
    expect(await findMoneyDrift(ctx.db, new Date(), conference.id)).toEqual([]);
  }

  return { pendingOrder, startCard, orderRow, refundsOf, expectCancelledAndRefunded };
}

describeEachBackend('buyer cancels (D4.10, D4.3, CRD-4, D6.2)', (ctx) => {
  let harness: Harness;
  let staff: string;
  const flows = buyerFlows(ctx, () => harness);
  const { pendingOrder, startCard, orderRow, refundsOf, expectCancelledAndRefunded } = flows;

  beforeAll(async () => {
    harness = await startHarness(ctx);
    staff = await staffCookie(harness.app, ctx.db);
  });
  afterAll(async () => {
    await harness.app.close();
    await harness.fake.stop();
  });

  it('D4.10 an order that received a manual part payment cannot be cancelled by the buyer: 409, nothing changes', async () => {
    const { conference, client, order } = await pendingOrder();
    expect((await client.order(order.reference)).json()).toMatchObject({ cancellable: true });
    const part = await harness.app.inject({
      method: 'POST',
      url: `/api/v1/conferences/${conference.slug}/manage/orders/${order.reference}/payments`,
      headers: { cookie: staff },
      payload: { method: 'manual', amount: 4_000, reference: 'WIRE-7' },
    });
    expect(part.json()).toEqual({ orderStatus: 'pending', outcome: 'partially_paid' });

    const refused = await client.cancel(order.reference);
    expectError(refused, 409, 'ORDER_HAS_PAYMENTS');
    expect(refused.json().error.message).toMatch(/contact the organi[sz]er/i);
    // The order page learns the same rule from the server, so it offers no cancel button.
    expect((await client.order(order.reference)).json()).toMatchObject({ cancellable: false });
    expect(await orderRow(order.id)).toMatchObject({ status: 'pending', needsAttention: false });
    const rows = await ctx.db.select().from(payments).where(eq(payments.orderId, order.id));
    expect(rows.map((p) => [p.method, p.status, p.amount])).toEqual([
      ['manual', 'succeeded', 4_000],
    ]);
  });

  it('D4.10/CRD-4 store credit on the order does not block the cancel: the credit payment reads refunded and the balance is back', async () => {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference, { price: 10_000 });
    const buyer = await makeBuyer(ctx.db);
    await makeCredit(ctx.db, conference, buyer, 3_000);
    const client = buyerClient(harness.app, conference.slug, buyer);
    await client.addTicket(ticket.id);
    const order = (await client.checkout({ useCredit: true })).json<{
      id: string;
      reference: string;
    }>();
    expect((await client.credits()).json().credits).toEqual([]);

    const cancelled = await client.cancel(order.reference);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');
    expect(cancelled.json().payments).toEqual([
      expect.objectContaining({ method: 'credit', amount: 3_000, status: 'refunded' }),
    ]);
    expect((await client.credits()).json().credits).toEqual([
      expect.objectContaining({ amount: 3_000, remaining: 3_000 }),
    ]);
    expect(await findMoneyDrift(ctx.db, new Date(), conference.id)).toEqual([]);
  });

  it('CRD-4/D2.5 the sweep gives store credit back the same way: refunded, balance restored', async () => {
    const conference = await makeConference(ctx.db, { holdMinutes: 15 });
    const ticket = await makeTicketType(ctx.db, conference, { price: 10_000 });
    const buyer = await makeBuyer(ctx.db);
    await makeCredit(ctx.db, conference, buyer, 2_500);
    const client = buyerClient(harness.app, conference.slug, buyer);
    await client.addTicket(ticket.id);
    const order = (await client.checkout({ useCredit: true })).json<{ id: string }>();
    await expireHolds(ctx.db, new Date(harness.clock.now.getTime() + 60 * 60_000));
    const rows = await ctx.db.select().from(payments).where(eq(payments.orderId, order.id));
    expect(rows.map((p) => [p.method, p.status])).toEqual([['credit', 'refunded']]);
    expect((await client.credits()).json().credits).toEqual([
      expect.objectContaining({ remaining: 2_500 }),
    ]);
  });

  it('D4.3 cancelling cancels the open PaymentIntent after commit, so the card form cannot be paid', async () => {
    const { client, order, account } = await pendingOrder();
    const intentId = await startCard(client, order.reference);
    const cancelled = await client.cancel(order.reference);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(account.paymentIntent(intentId)?.status).toBe('canceled');
    const rows = await ctx.db.select().from(payments).where(eq(payments.orderId, order.id));
    expect(rows.map((p) => p.status)).toEqual(['cancelled']);
    expect(await orderRow(order.id)).toMatchObject({ status: 'cancelled' });
  });

  it('D4.10 the card succeeded at Stripe but its webhook arrives after the cancel: refunded, the order stays cancelled', async () => {
    const { conference, client, order, account } = await pendingOrder({ holdDeliveries: true });
    const intentId = await startCard(client, order.reference);
    await account.deliver();
    account.succeedPaymentIntent(intentId);
    const cancelled = await client.cancel(order.reference);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    await expectCancelledAndRefunded(account, order, intentId, conference);
    expect((await orderRow(order.id)).cancelReason).toBe('buyer');
  });

  it('D4.10 the browser return after the cancel refunds too, and the late webhook changes nothing', async () => {
    const { conference, client, order, account } = await pendingOrder({ holdDeliveries: true });
    const intentId = await startCard(client, order.reference);
    account.succeedPaymentIntent(intentId);
    expect((await client.cancel(order.reference)).statusCode).toBe(200);
    const confirmed = await client.confirmCard(order.reference, intentId);
    expect(confirmed.json()).toMatchObject({ state: 'succeeded' });
    await expectCancelledAndRefunded(account, order, intentId, conference);
  });

  it('D4.10 confirm and cancel at once: either cancelled and refunded, or paid and the cancel refused', async () => {
    const { conference, client, order, account } = await pendingOrder({ holdDeliveries: true });
    const intentId = await startCard(client, order.reference);
    account.succeedPaymentIntent(intentId);
    const [, cancel] = await Promise.all([
      client.confirmCard(order.reference, intentId),
      client.cancel(order.reference),
    ]);
    await account.deliver();
    await account.idle();
    if (cancel.statusCode === 200) {
      await expectCancelledAndRefunded(account, order, intentId, conference);
    } else {
      expectError(cancel, 409, 'ORDER_NOT_CANCELLABLE');
      expect(await orderRow(order.id)).toMatchObject({ status: 'paid' });
      expect(await refundsOf(order.id)).toEqual([]);
    }
  });

  it('D2.6 control: the same late money for an order the sweep cancelled revives it', async () => {
    const { client, order, account } = await pendingOrder({ holdDeliveries: true, seats: 5 });
    const intentId = await startCard(client, order.reference);
    await expireHolds(ctx.db, new Date(harness.clock.now.getTime() + 60 * 60_000));
    expect(await orderRow(order.id)).toMatchObject({ status: 'cancelled' });
    account.succeedPaymentIntent(intentId);
    await account.deliver();
    await account.idle();
    expect(await orderRow(order.id)).toMatchObject({ status: 'paid', cancelReason: null });
    expect(account.refunds()).toEqual([]);
  });

  it("D6.2 every buyer order route under another conference's address answers 404 and changes nothing", async () => {
    const home = await makeConference(ctx.db);
    const { conference: other, buyer, order, client, account } = await pendingOrder();
    const intentId = await startCard(client, order.reference);
    const freeTicket = await makeTicketType(ctx.db, other, { price: 0 });
    await client.addTicket(freeTicket.id);
    const freeOrder = (await client.checkout()).json<{ reference: string; status: string }>();
    expect(freeOrder.status).toBe('paid');
    await makeCredit(ctx.db, other, buyer, 1_000);

    const wrong = buyerClient(harness.app, home.slug, buyer);
    const attempts = {
      view: await wrong.order(order.reference),
      cancel: await wrong.cancel(order.reference),
      startCard: await wrong.startCard(order.reference),
      confirmCard: await wrong.confirmCard(order.reference, intentId),
      payWithCredit: await wrong.payWithCredit(order.reference),
      accessQr: await harness.app.inject({
        method: 'GET',
        url: `/api/v1/conferences/${home.slug}/orders/${freeOrder.reference}/access-qr.svg`,
        headers: { cookie: buyer.cookie },
      }),
    };
    for (const [route, response] of Object.entries(attempts))
      expect({ route, status: response.statusCode }).toEqual({ route, status: 404 });

    expect(await orderRow(order.id)).toMatchObject({ status: 'pending' });
    const rows = await ctx.db.select().from(payments).where(eq(payments.orderId, order.id));
    expect(rows.map((p) => p.status)).toEqual(['pending']);
    expect(account.paymentIntent(intentId)?.status).toBe('requires_payment_method');
    // Under its own conference the same buyer reaches it.
    expect((await client.order(order.reference)).statusCode).toBe(200);
    expect(
      (
        await harness.app.inject({
          method: 'GET',
          url: `/api/v1/conferences/${other.slug}/orders/${freeOrder.reference}/access-qr.svg`,
          headers: { cookie: buyer.cookie },
        })
      ).statusCode,
    ).toBe(200);
  });
});

describePostgresOnly('buyer cancel racing the card webhook (D4.10)', (ctx) => {
  let harness: Harness;
  const { pendingOrder, startCard, orderRow, expectCancelledAndRefunded } = buyerFlows(
    ctx,
    () => harness,
  );

  beforeAll(async () => {
    harness = await startHarness(ctx);
  });
  afterEach(() => {
    webhookTestHooks.beforeHandle = undefined;
  });
  afterAll(async () => {
    await harness.app.close();
    await harness.fake.stop();
  });

  /** Holds the succeeded webhook inside its open transaction until the test lets it go. */
  function pauseSucceededWebhook() {
    let entered!: () => void;
    let release!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    webhookTestHooks.beforeHandle = async (type) => {
      if (type !== 'payment_intent.succeeded') return;
      entered();
      await released;
    };
    return { inside, release };
  }

  it('the buyer cancels while the webhook is already being processed: refunded, stays cancelled', async () => {
    const { conference, client, order, account } = await pendingOrder({ holdDeliveries: true });
    const intentId = await startCard(client, order.reference);
    await account.deliver();
    account.succeedPaymentIntent(intentId);
    const webhook = pauseSucceededWebhook();
    const delivering = account.deliver();
    await webhook.inside;
    const cancelled = await client.cancel(order.reference);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    webhook.release();
    await delivering;
    await expectCancelledAndRefunded(account, order, intentId, conference);
  });

  it('negative control: the same interleaving with the hold swept instead of a buyer cancel revives the order', async () => {
    const { client, order, account } = await pendingOrder({ holdDeliveries: true, seats: 3 });
    const intentId = await startCard(client, order.reference);
    await account.deliver();
    account.succeedPaymentIntent(intentId);
    const webhook = pauseSucceededWebhook();
    const delivering = account.deliver();
    await webhook.inside;
    expect(await expireHolds(ctx.db, new Date(Date.now() + 60 * 60_000))).toBeGreaterThan(0);
    webhook.release();
    await delivering;
    await account.idle();
    expect(await orderRow(order.id)).toMatchObject({ status: 'paid' });
    expect(account.refunds()).toEqual([]);
  });

  it('ten orders, each cancelled while its webhook is delivered at once: never charged and cancelled', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const { client, order, account } = await pendingOrder({ holdDeliveries: true });
        const intentId = await startCard(client, order.reference);
        await account.deliver();
        account.succeedPaymentIntent(intentId);
        const [, cancel] = await Promise.all([account.deliver(), client.cancel(order.reference)]);
        await account.deliver();
        await account.idle();
        const row = await orderRow(order.id);
        const refunded = account.refunds().reduce((sum, r) => sum + r.amount, 0);
        return { cancel: cancel.statusCode, status: row.status, refunded, total: order.total };
      }),
    );
    for (const outcome of outcomes) {
      if (outcome.cancel === 200)
        expect(outcome).toMatchObject({ status: 'cancelled', refunded: outcome.total });
      else expect(outcome).toMatchObject({ cancel: 409, status: 'paid', refunded: 0 });
    }
    expect(await findMoneyDrift(ctx.db, new Date())).toEqual([]);
  });
});
