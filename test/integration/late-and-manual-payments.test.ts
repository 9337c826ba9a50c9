import { and, eq, inArray } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { orders, refunds } from '../../src/db/schema/index.ts';
import {
  configuredStripeGateways,
  parseStripeEndpoint,
} from '../../src/integrations/stripe/index.ts';
import { getConferenceBySlugOrThrow } from '../../src/services/conferences/index.ts';
import { expireHolds } from '../../src/services/orders/index.ts';
import { reconcileStripeEvents } from '../../src/services/stripe-webhooks/index.ts';
import { makeTicketType } from '../factories/index.ts';
import { makeCondition, makeVoucher } from '../factories/sales.ts';
import type { FakeStripeAccount } from '../fakes/stripe/index.ts';
import { TEST_SECRET_BOX } from '../support/app.ts';
import { buyerClient, makeBuyer } from '../support/buyers.ts';
import { describeEachBackend } from '../support/db.ts';
import { moneySuite } from '../support/money-suite.ts';

type Client = ReturnType<typeof buyerClient>;

describeEachBackend('late payments, staff payments and reconciliation', (ctx) => {
  const s = moneySuite(ctx);
  const { setUp, order, payByCard, statusOf } = s;

  it('D2.6 a late payment revives an expired order when the stock is still there', async () => {
    const { conference, ticket, account } = await setUp({ seats: 5 });
    const { client, order: placed } = await order(conference.slug, ticket.id);
    const paymentIntentId = await lapseWithCardStarted(client, placed.reference);
    expect(await statusOf(placed.reference)).toBe('cancelled');
    account.succeedPaymentIntent(paymentIntentId);
    await account.idle();
    expect(await statusOf(placed.reference)).toBe('paid');
    expect(account.refunds()).toEqual([]);
  });

  it('D2.6 a late payment for stock sold meanwhile is refunded automatically and flagged', async () => {
    const { conference, ticket, account } = await setUp({ seats: 1 });
    const late = await order(conference.slug, ticket.id);
    const intent = await lapseWithCardStarted(late.client, late.order.reference);
    const winner = await order(conference.slug, ticket.id);
    await payByCard(account, winner.client, winner.order.reference);

    await expectLateMoneyRefunded(
      account,
      intent,
      late.order,
      /items sold out; refunded automatically/,
    );
    const [auto] = await ctx.db.select().from(refunds).where(eq(refunds.orderId, late.order.id));
    expect(auto).toMatchObject({ status: 'succeeded', destination: 'card', amount: 10_000 });
    expect(await statusOf(winner.order.reference)).toBe('paid');
  });

  /** Starts a card payment for the order, then lets its hold expire before the money arrives. */
  async function lapseWithCardStarted(client: Client, reference: string) {
    const { paymentIntentId } = (await client.startCard(reference)).json<{
      paymentIntentId: string;
    }>();
    s.clock = new Date(s.clock.getTime() + 60 * 60_000);
    await expireHolds(ctx.db, s.clock);
    return paymentIntentId;
  }

  /** The late money arrives and goes back: the lapsed order stays cancelled, flagged with `why`. */
  async function expectLateMoneyRefunded(
    account: FakeStripeAccount,
    paymentIntentId: string,
    lapsed: { id: string; total: number },
    why: RegExp,
  ) {
    account.succeedPaymentIntent(paymentIntentId);
    await account.idle();
    const [row] = await ctx.db.select().from(orders).where(eq(orders.id, lapsed.id));
    expect(row).toMatchObject({ status: 'cancelled', needsAttention: true });
    expect(row?.attentionReason).toMatch(why);
    expect(account.refunds()).toEqual([
      expect.objectContaining({ payment_intent: paymentIntentId, amount: lapsed.total }),
    ]);
  }

  it('D2.6/VOU-3 a late payment whose voucher was used up meanwhile is refunded, not revived', async () => {
    const { conference, ticket, account } = await setUp({ seats: 10 });
    const voucher = await makeVoucher(ctx.db, conference, {
      kind: 'percentage',
      percentOffBp: 2_000,
      maxUses: 1,
    });
    const withVoucher = async () => {
      const client = buyerClient(s.app, conference.slug, await makeBuyer(ctx.db));
      expect((await client.addTicket(ticket.id)).statusCode).toBe(200);
      expect((await client.applyVoucher(voucher.code)).statusCode).toBe(200);
      const placed = await client.checkout();
      expect(placed.statusCode, placed.body).toBe(201);
      return { client, order: placed.json<{ id: string; reference: string; total: number }>() };
    };
    const late = await withVoucher();
    expect(late.order.total).toBe(8_000);
    const intent = await lapseWithCardStarted(late.client, late.order.reference);
    const winner = await withVoucher();
    await payByCard(account, winner.client, winner.order.reference);

    await expectLateMoneyRefunded(account, intent, late.order, /voucher was used up/);
    const counted = await ctx.db
      .select({ id: orders.id })
      .from(orders)
      .where(and(eq(orders.voucherId, voucher.id), eq(orders.status, 'paid')));
    expect(counted).toEqual([{ id: winner.order.id }]);
  });

  it('D2.6/D2.4 a late payment that would break the per-user limit is refunded, not revived', async () => {
    const { conference, account } = await setUp();
    const ticket = await makeTicketType(ctx.db, conference, { price: 10_000, limitPerUser: 1 });
    const client = buyerClient(s.app, conference.slug, await makeBuyer(ctx.db));
    const buy = async () => {
      expect((await client.addTicket(ticket.id)).statusCode).toBe(200);
      const placed = await client.checkout();
      expect(placed.statusCode, placed.body).toBe(201);
      return placed.json<{ id: string; reference: string; total: number }>();
    };
    const first = await buy();
    const intent = await lapseWithCardStarted(client, first.reference);
    const second = await buy();
    await payByCard(account, client, second.reference);

    await expectLateMoneyRefunded(account, intent, first, /per-person limit/);
    expect(await statusOf(second.reference)).toBe('paid');
  });

  it('D2.6/D3.6 a late payment whose limited discount ran out meanwhile is refunded, not revived', async () => {
    const { conference, ticket, account } = await setUp({ seats: 10 });
    await makeCondition(ctx.db, conference, { usageLimit: 1, ticketTypes: [ticket] });
    const late = await order(conference.slug, ticket.id);
    expect(late.order.total).toBe(8_000);
    const intent = await lapseWithCardStarted(late.client, late.order.reference);
    const winner = await order(conference.slug, ticket.id);
    expect(winner.order.total).toBe(8_000);
    await payByCard(account, winner.client, winner.order.reference);

    await expectLateMoneyRefunded(account, intent, late.order, /discount ran out/);
  });

  it('D2.6/D2.2 race: a late payment and five checkouts over real HTTP for the last use of a voucher', async () => {
    const { conference, ticket, account } = await setUp({ seats: 10, holdDeliveries: true });
    const voucher = await makeVoucher(ctx.db, conference, {
      kind: 'percentage',
      percentOffBp: 5_000,
      maxUses: 1,
    });
    const late = buyerClient(s.app, conference.slug, await makeBuyer(ctx.db));
    expect((await late.addTicket(ticket.id)).statusCode).toBe(200);
    expect((await late.applyVoucher(voucher.code)).statusCode).toBe(200);
    const lapsed = (await late.checkout()).json<{ id: string; reference: string }>();
    const intent = await lapseWithCardStarted(late, lapsed.reference);
    await account.deliver(); // the intent's creation events, before the race
    account.holdDeliveries();
    account.succeedPaymentIntent(intent);
    const rivals = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const buyer = await makeBuyer(ctx.db);
        const client = buyerClient(s.app, conference.slug, buyer);
        expect((await client.addTicket(ticket.id)).statusCode).toBe(200);
        expect((await client.applyVoucher(voucher.code)).statusCode).toBe(200);
        return buyer;
      }),
    );

    const [, ...checkouts] = await Promise.all([
      account.deliver(),
      ...rivals.map((buyer) =>
        fetch(`${s.appUrl}/api/v1/conferences/${conference.slug}/checkout`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: buyer.cookie },
          body: JSON.stringify({ billingName: 'Rival', billingEmail: 'rival@example.org' }),
        }),
      ),
    ]);
    await account.idle();

    const placed = checkouts.filter((r) => r.status === 201).length;
    const revived = (await statusOf(lapsed.reference)) === 'paid';
    // Exactly one order holds the one use: the revived one or one rival's, never both.
    expect(placed + (revived ? 1 : 0)).toBe(1);
    const holding = await ctx.db
      .select({ id: orders.id })
      .from(orders)
      .where(and(eq(orders.voucherId, voucher.id), inArray(orders.status, ['pending', 'paid'])));
    expect(holding).toHaveLength(1);
    expect(account.refunds()).toHaveLength(revived ? 0 : 1);
  });

  it('D2.6 a late payment revives an order whose voucher and discount still have room', async () => {
    const { conference, ticket, account } = await setUp({ seats: 10 });
    await makeCondition(ctx.db, conference, { usageLimit: 2, ticketTypes: [ticket] });
    const voucher = await makeVoucher(ctx.db, conference, {
      kind: 'fixed_amount',
      amountOff: 1_000,
      maxUses: 2,
    });
    const client = buyerClient(s.app, conference.slug, await makeBuyer(ctx.db));
    expect((await client.addTicket(ticket.id)).statusCode).toBe(200);
    expect((await client.applyVoucher(voucher.code)).statusCode).toBe(200);
    const placed = (await client.checkout()).json<{ reference: string; total: number }>();
    expect(placed.total).toBe(7_000);
    const intent = await lapseWithCardStarted(client, placed.reference);
    await order(conference.slug, ticket.id);

    account.succeedPaymentIntent(intent);
    await account.idle();
    expect(await statusOf(placed.reference)).toBe('paid');
    expect(account.refunds()).toEqual([]);
  });

  it('PAY-6/PAY-7 manual partial payments: pending until covered, an overpayment is recorded and flagged', async () => {
    const { conference, ticket } = await setUp({ price: 12_500 });
    const { order: placed } = await order(conference.slug, ticket.id);
    const pay = (body: object) =>
      s.app.inject({
        method: 'POST',
        url: `/api/v1/conferences/${conference.slug}/manage/orders/${placed.reference}/payments`,
        headers: { cookie: s.staff },
        payload: body,
      });
    const part = await pay({ method: 'manual', amount: 5_000, reference: 'WIRE-1' });
    expect(part.json()).toEqual({ orderStatus: 'pending', outcome: 'partially_paid' });
    const rest = await pay({ method: 'manual', amount: 8_000, reference: 'WIRE-2' });
    expect(rest.json()).toEqual({ orderStatus: 'paid', outcome: 'paid' });
    const [row] = await ctx.db.select().from(orders).where(eq(orders.id, placed.id));
    expect(row).toMatchObject({ needsAttention: true });
    expect(row?.attentionReason).toMatch(/Overpaid by 500/);
    const bad = await pay({ method: 'manual', amount: -5 });
    expect(bad.statusCode).toBe(400);
    const late = await pay({ method: 'manual', amount: 100 });
    expect(late.json().error.code).toBe('ORDER_NOT_PAYABLE');
  });

  it('D4.7 reconcile lists events from Stripe and processes the ones that never arrived', async () => {
    const { conference, ticket, account } = await setUp({ holdDeliveries: true });
    const { client, order: placed } = await order(conference.slug, ticket.id);
    const { paymentIntentId } = (await client.startCard(placed.reference)).json<{
      paymentIntentId: string;
    }>();
    account.succeedPaymentIntent(paymentIntentId);
    expect(await statusOf(placed.reference)).toBe('pending');
    const accounts = configuredStripeGateways(TEST_SECRET_BOX, parseStripeEndpoint(s.fake.url));
    const fresh = await getConferenceBySlugOrThrow(ctx.db, conference.slug);
    const report = await reconcileStripeEvents(
      ctx.db,
      accounts,
      fresh,
      new Date(Date.now() - 3_600_000),
      s.clock,
    );
    expect(report.failed).toBe(0);
    expect(report.processed).toBeGreaterThanOrEqual(1);
    expect(await statusOf(placed.reference)).toBe('paid');
    const second = await reconcileStripeEvents(
      ctx.db,
      accounts,
      fresh,
      new Date(Date.now() - 3_600_000),
      s.clock,
    );
    expect(second.processed).toBe(0);
  });

  it('HOOK-13 a dispute flags the order for staff without changing its status', async () => {
    const { conference, ticket, account } = await setUp();
    const { client, order: placed } = await order(conference.slug, ticket.id);
    const intentId = await payByCard(account, client, placed.reference);
    const charge = account.paymentIntent(intentId)?.latest_charge;
    const dispute = account.createDispute(typeof charge === 'string' ? charge : '');
    await account.idle();
    const [row] = await ctx.db.select().from(orders).where(eq(orders.id, placed.id));
    expect(row).toMatchObject({ status: 'paid', needsAttention: true });
    expect(row?.attentionReason).toContain(dispute.id);
  });
});
