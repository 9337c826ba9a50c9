import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { orders, refunds } from '../../src/db/schema/index.ts';
import { findMoneyDrift } from '../../src/services/doctor/index.ts';
import { makeConference, makeTicketType } from '../factories/index.ts';
import type { DeliverOptions, FakeEvent, RunningFakeStripe } from '../fakes/stripe/index.ts';
import { startFakeStripe } from '../fakes/stripe/index.ts';
import { buildTestApp } from '../support/app.ts';
import { buyerClient, makeBuyer } from '../support/buyers.ts';
import { describeEachBackend } from '../support/db.ts';
import { connectStripe, expectNoMoneyDrift, listen } from '../support/money.ts';

// D4.11 / payments W-5: a refund made in the Stripe dashboard reaches Lanyard as up to three
// kinds of event, in any order and any number of times. Since API 2022-11-15 charge.refunded
// carries only the charge's running total, no refund list. Each Stripe refund must be recorded
// exactly once, by its id, whatever arrives first.

const TOTAL = 12_000;
const REFUND_EVENTS = new Set([
  'charge.refunded',
  'refund.created',
  'refund.updated',
  'charge.refund.updated',
]);
const isRefundEvent = (event: FakeEvent) => REFUND_EVENTS.has(event.type);
const chargeRefundedFirst = (a: FakeEvent, b: FakeEvent) =>
  Number(b.type === 'charge.refunded') - Number(a.type === 'charge.refunded');

interface Delivery {
  name: string;
  options: DeliverOptions;
}

const DELIVERIES: Delivery[] = [
  { name: 'refund.created then charge.refunded', options: { order: 'as-created' } },
  { name: 'charge.refunded then refund.created', options: { order: chargeRefundedFirst } },
  {
    name: 'charge.refunded first, every event three times',
    options: { order: chargeRefundedFirst, duplicates: 2 },
  },
  { name: 'all at once, twice each', options: { concurrently: true, duplicates: 1 } },
];

const AMOUNTS = [
  { kind: 'partial', amount: 6_000, status: 'partially_refunded' },
  { kind: 'full', amount: undefined, status: 'refunded' },
] as const;

describeEachBackend('D4.11 refunds made in the Stripe dashboard are recorded once', (ctx) => {
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

  /** A paid 12000 order whose account holds its webhooks until the test delivers them. */
  async function paidOrder() {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference, { price: TOTAL });
    const account = await connectStripe(ctx.db, fake, conference, appUrl, { holdDeliveries: true });
    const client = buyerClient(app, conference.slug, await makeBuyer(ctx.db));
    expect((await client.addTicket(ticket.id, 1)).statusCode).toBe(200);
    const placed = (await client.checkout()).json<{ id: string; reference: string }>();
    const { paymentIntentId } = (await client.startCard(placed.reference)).json<{
      paymentIntentId: string;
    }>();
    const intent = account.succeedPaymentIntent(paymentIntentId);
    await account.deliver();
    const chargeId = String(intent.latest_charge);
    return { account, orderId: placed.id, chargeId };
  }

  async function recorded(orderId: string) {
    const rows = await ctx.db.select().from(refunds).where(eq(refunds.orderId, orderId));
    const [order] = await ctx.db.select().from(orders).where(eq(orders.id, orderId));
    const succeeded = rows.filter((row) => row.status === 'succeeded');
    return {
      status: order?.status,
      refunded: succeeded.reduce((sum, row) => sum + row.amount, 0),
      stripeIds: rows.map((row) => row.stripeRefundId).sort(),
    };
  }

  for (const { kind, amount, status } of AMOUNTS) {
    for (const delivery of DELIVERIES) {
      it(`${kind} dashboard refund, ${delivery.name}`, async () => {
        const { account, orderId, chargeId } = await paidOrder();
        expect((await recorded(orderId)).status).toBe('paid');
        const refund = account.refundFromDashboard(chargeId, amount);
        await account.deliver({ ...delivery.options, only: isRefundEvent });
        const expected = { status, refunded: refund.amount, stripeIds: [refund.id] };
        expect(await recorded(orderId)).toEqual(expected);
        // Stripe redelivers whatever it likes: nothing changes.
        for (const event of account.events()) await account.redeliver(event.id);
        expect(await recorded(orderId)).toEqual(expected);
      });
    }

    it(`${kind} dashboard refund the bank confirms later: charge.refunded, refund.created, refund.updated`, async () => {
      const { account, orderId, chargeId } = await paidOrder();
      const refund = account.refundFromDashboard(chargeId, amount, { pending: true });
      await account.deliver({ order: chargeRefundedFirst, only: isRefundEvent, duplicates: 1 });
      expect(await recorded(orderId)).toEqual({
        status: 'paid',
        refunded: 0,
        stripeIds: [refund.id],
      });
      account.settleRefund(refund.id, 'succeeded');
      await account.deliver({ order: 'reversed', only: isRefundEvent, duplicates: 1 });
      const expected = { status, refunded: refund.amount, stripeIds: [refund.id] };
      expect(await recorded(orderId)).toEqual(expected);
      for (const event of account.events()) await account.redeliver(event.id);
      expect(await recorded(orderId)).toEqual(expected);
    });
  }

  it('two partial dashboard refunds whose charge.refunded events arrive before either refund event', async () => {
    const { account, orderId, chargeId } = await paidOrder();
    const first = account.refundFromDashboard(chargeId, 3_000);
    const second = account.refundFromDashboard(chargeId, 4_000);
    await account.deliver({ order: chargeRefundedFirst, only: isRefundEvent });
    expect(await recorded(orderId)).toEqual({
      status: 'partially_refunded',
      refunded: 7_000,
      stripeIds: [first.id, second.id].sort(),
    });
    expect(await findMoneyDrift(ctx.db, new Date())).toEqual([]);
  });
});
