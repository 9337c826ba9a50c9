import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { attendees, orders, outbox, refunds } from '../../src/db/schema/index.ts';
import { expireHolds } from '../../src/services/orders/index.ts';
import { reconcileStripeEvents } from '../../src/services/stripe-webhooks/index.ts';
import {
  configuredStripeGateways,
  parseStripeEndpoint,
} from '../../src/integrations/stripe/index.ts';
import { getConferenceBySlugOrThrow } from '../../src/services/conferences/index.ts';
import { makeConference, makeTicketType } from '../factories/index.ts';
import { makeCondition, makeVoucher } from '../factories/sales.ts';
import { staffCookie } from '../factories/staff.ts';
import {
  startFakeStripe,
  type FakeStripeAccount,
  type RunningFakeStripe,
} from '../fakes/stripe/index.ts';
import { buildTestApp, TEST_SECRET_BOX } from '../support/app.ts';
import { buyerClient, makeBuyer } from '../support/buyers.ts';
import { describeEachBackend } from '../support/db.ts';
import { connectStripe, expectNoMoneyDrift, listen } from '../support/money.ts';

type Client = ReturnType<typeof buyerClient>;

describeEachBackend('refunds, credits, staff payments and late payments', (ctx) => {
  let app: FastifyInstance;
  let fake: RunningFakeStripe;
  let appUrl: string;
  let staff: string;
  let clock = new Date();

  beforeAll(async () => {
    fake = await startFakeStripe();
    app = await buildTestApp(ctx, { stripeApiUrl: fake.url, now: () => clock });
    appUrl = await listen(app);
    staff = await staffCookie(app, ctx.db);
  });
  afterAll(async () => {
    await expectNoMoneyDrift(ctx.db);
    await app.close();
    await fake.stop();
  });

  async function setUp(options: { price?: number; seats?: number; holdDeliveries?: boolean } = {}) {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference, {
      price: options.price ?? 10_000,
      totalQuantity: options.seats ?? 0,
      limitPerUser: 10,
    });
    const account = await connectStripe(ctx.db, fake, conference, appUrl, options);
    return { conference, ticket, account };
  }

  async function order(slug: string, ticketId: string, quantity = 1) {
    const buyer = await makeBuyer(ctx.db);
    const client = buyerClient(app, slug, buyer);
    const added = await client.addTicket(ticketId, quantity);
    expect(added.statusCode, added.body).toBe(200);
    const placed = await client.checkout();
    expect(placed.statusCode).toBe(201);
    return {
      client,
      buyer,
      order: placed.json<{
        id: string;
        reference: string;
        total: number;
        lines: Array<{ id: string }>;
      }>(),
    };
  }

  async function payByCard(account: FakeStripeAccount, client: Client, reference: string) {
    const { paymentIntentId } = (await client.startCard(reference)).json<{
      paymentIntentId: string;
    }>();
    account.succeedPaymentIntent(paymentIntentId);
    await account.idle();
    return paymentIntentId;
  }

  const refund = (slug: string, reference: string, body: object, key: string, cookie = staff) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/conferences/${slug}/manage/orders/${reference}/refunds`,
      headers: { cookie, 'idempotency-key': key },
      payload: body,
    });

  const statusOf = async (reference: string) =>
    (
      await ctx.db
        .select({ status: orders.status })
        .from(orders)
        .where(eq(orders.reference, reference))
    )[0]?.status;

  it('D4.6 partial card refunds add up to REFUNDED; the same request twice is one refund', async () => {
    const { conference, ticket, account } = await setUp();
    const { client, order: placed } = await order(conference.slug, ticket.id);
    await payByCard(account, client, placed.reference);

    const first = await refund(
      conference.slug,
      placed.reference,
      { amount: 3_000, destination: 'card', reason: 'cannot attend day 2' },
      'refund-key-0001',
    );
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      status: 'succeeded',
      amount: 3_000,
      orderStatus: 'partially_refunded',
      replayed: false,
    });
    const [again, concurrent] = await Promise.all([
      refund(
        conference.slug,
        placed.reference,
        { amount: 3_000, destination: 'card', reason: 'cannot attend day 2' },
        'refund-key-0001',
      ),
      refund(
        conference.slug,
        placed.reference,
        { amount: 3_000, destination: 'card', reason: 'cannot attend day 2' },
        'refund-key-0001',
      ),
    ]);
    expect([again.statusCode, concurrent.statusCode]).toEqual([200, 200]);
    expect(again.json()).toMatchObject({ id: first.json().id, replayed: true });
    expect(account.refunds()).toHaveLength(1);

    const rest = await refund(
      conference.slug,
      placed.reference,
      { amount: 7_000, destination: 'card' },
      'refund-key-0002',
    );
    expect(rest.json()).toMatchObject({ status: 'succeeded', orderStatus: 'refunded' });
    expect(
      account
        .refunds()
        .map((r) => r.amount)
        .sort(),
    ).toEqual([3_000, 7_000]);
    const over = await refund(
      conference.slug,
      placed.reference,
      { amount: 1, destination: 'card' },
      'refund-key-0003',
    );
    expect(over.statusCode).toBe(409);
    expect(over.json().error.code).toBe('ORDER_NOT_REFUNDABLE');
    await account.idle();
    // Stripe's own refund events arrive afterwards and change nothing (guarded, never backwards).
    expect(await statusOf(placed.reference)).toBe('refunded');
    const [attendee] = await ctx.db
      .select()
      .from(attendees)
      .where(eq(attendees.orderId, placed.id));
    expect(attendee?.isActive).toBe(false);
    const notices = await ctx.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.kind, 'email.refund_notice'), eq(outbox.conferenceId, conference.id)));
    expect(notices).toHaveLength(2);
  });

  it('D4.6 a refund larger than what is left is refused; a buyer cannot refund; a key is required', async () => {
    const { conference, ticket, account } = await setUp();
    const { client, order: placed, buyer } = await order(conference.slug, ticket.id);
    const early = await refund(
      conference.slug,
      placed.reference,
      { amount: 100, destination: 'card' },
      'refund-early-1',
    );
    expect(early.json().error.code).toBe('ORDER_NOT_REFUNDABLE');
    await payByCard(account, client, placed.reference);
    const tooMuch = await refund(
      conference.slug,
      placed.reference,
      { amount: 10_001, destination: 'credit' },
      'refund-big-01',
    );
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json().error).toMatchObject({
      code: 'REFUND_EXCEEDS_BALANCE',
      details: { refundable: 10_000 },
    });
    const asBuyer = await refund(
      conference.slug,
      placed.reference,
      { amount: 100, destination: 'card' },
      'refund-buyer1',
      buyer.cookie,
    );
    expect(asBuyer.statusCode).toBe(403);
    const noKey = await app.inject({
      method: 'POST',
      url: `/api/v1/conferences/${conference.slug}/manage/orders/${placed.reference}/refunds`,
      headers: { cookie: staff },
      payload: { amount: 100, destination: 'card' },
    });
    expect(noKey.statusCode).toBe(400);
    expect(await statusOf(placed.reference)).toBe('paid');
  });

  it('D4.6/D4.8 a refund to store credit is never also a card refund, and the credit pays two later orders', async () => {
    const { conference, ticket, account } = await setUp({ price: 6_000 });
    const { client, order: placed } = await order(conference.slug, ticket.id);
    await payByCard(account, client, placed.reference);
    const toCredit = await refund(
      conference.slug,
      placed.reference,
      { amount: 6_000, destination: 'credit', reason: 'moved to next year' },
      'credit-refund-1',
    );
    expect(toCredit.json()).toMatchObject({
      status: 'succeeded',
      destination: 'credit',
      orderStatus: 'refunded',
    });
    expect(account.refunds()).toEqual([]);
    expect((await client.credits()).json().credits).toEqual([
      expect.objectContaining({ amount: 6_000, remaining: 6_000 }),
    ]);

    const cheaper = await makeTicketType(ctx.db, conference, { price: 4_000 });
    await client.addTicket(cheaper.id);
    const second = (await client.checkout({ useCredit: true })).json();
    expect(second).toMatchObject({ status: 'paid', total: 4_000 });
    await client.addTicket(cheaper.id);
    const third = (await client.checkout()).json<{ reference: string }>();
    const paidWithCredit = await client.payWithCredit(third.reference);
    expect(paidWithCredit.json()).toMatchObject({ status: 'pending' });
    expect(paidWithCredit.json().payments).toEqual([
      expect.objectContaining({ method: 'credit', amount: 2_000 }),
    ]);
    // The rest by card: the intent asks only for what is still due.
    const rest = (await client.startCard(third.reference)).json<{
      paymentIntentId: string;
      amount: number;
    }>();
    expect(rest.amount).toBe(2_000);
    account.succeedPaymentIntent(rest.paymentIntentId);
    await account.idle();
    expect(await statusOf(third.reference)).toBe('paid');
    const none = await client.payWithCredit(third.reference);
    expect(none.json().error.code).toBe('ORDER_NOT_PAYABLE');
  });

  it('D4.6 cancelling a line releases its stock and refunds its share', async () => {
    const { conference, ticket, account } = await setUp({ price: 9_999, seats: 3 });
    const { client, order: placed } = await order(conference.slug, ticket.id, 3);
    await payByCard(account, client, placed.reference);
    const soldOut = await app.inject({
      method: 'GET',
      url: `/api/v1/conferences/${conference.slug}/ticket-types`,
    });
    expect(soldOut.json().ticketTypes[0]).toMatchObject({ remaining: 0 });
    const line = placed.lines[0];
    if (!line) throw new Error('no line');
    const cancelOne = await refund(
      conference.slug,
      placed.reference,
      { lines: [{ orderLineId: line.id, quantity: 1 }], destination: 'card' },
      'line-refund-01',
    );
    expect(cancelOne.json()).toMatchObject({
      status: 'succeeded',
      amount: 9_999 * 3 - Math.floor((9_999 * 3 * 2) / 3),
      orderStatus: 'partially_refunded',
    });
    const after = await app.inject({
      method: 'GET',
      url: `/api/v1/conferences/${conference.slug}/ticket-types`,
    });
    expect(after.json().ticketTypes[0]).toMatchObject({ remaining: 1 });
    const tooMany = await refund(
      conference.slug,
      placed.reference,
      { lines: [{ orderLineId: line.id, quantity: 3 }], destination: 'card' },
      'line-refund-02',
    );
    expect(tooMany.json().error.code).toBe('REFUND_LINE_INVALID');
    const restOfLine = await refund(
      conference.slug,
      placed.reference,
      { lines: [{ orderLineId: line.id, quantity: 2 }], destination: 'card' },
      'line-refund-03',
    );
    expect(restOfLine.json()).toMatchObject({ orderStatus: 'refunded' });
    const total = (
      await ctx.db.select().from(refunds).where(eq(refunds.orderId, placed.id))
    ).reduce((sum, r) => sum + r.amount, 0);
    expect(total).toBe(placed.total);
  });

  it('D4.6 giving back a free ticket cancels its line and frees the seat, with a zero refund', async () => {
    const { conference, ticket } = await setUp({ price: 0, seats: 1 });
    const { order: placed } = await order(conference.slug, ticket.id);
    expect(await statusOf(placed.reference)).toBe('paid');
    const line = placed.lines[0];
    if (!line) throw new Error('no line');
    const given = await refund(
      conference.slug,
      placed.reference,
      {
        lines: [{ orderLineId: line.id, quantity: 1 }],
        destination: 'card',
        reason: 'speaker cannot come',
      },
      'free-line-01',
    );
    expect(given.statusCode, given.body).toBe(201);
    expect(given.json()).toMatchObject({ amount: 0, status: 'succeeded' });
    const catalog = await app.inject({
      method: 'GET',
      url: `/api/v1/conferences/${conference.slug}/ticket-types`,
    });
    expect(catalog.json().ticketTypes[0]).toMatchObject({ remaining: 1 });
    const [attendee] = await ctx.db
      .select()
      .from(attendees)
      .where(eq(attendees.orderId, placed.id));
    expect(attendee?.isActive).toBe(false);
  });

  it('HOOK-16 a refund event before its succeeded event: both end up applied, never backwards', async () => {
    const { conference, ticket, account } = await setUp({ holdDeliveries: true });
    const { client, order: placed } = await order(conference.slug, ticket.id);
    const { paymentIntentId } = (await client.startCard(placed.reference)).json<{
      paymentIntentId: string;
    }>();
    const intent = account.succeedPaymentIntent(paymentIntentId);
    const chargeId = typeof intent.latest_charge === 'string' ? intent.latest_charge : '';
    account.refundFromDashboard(chargeId, 2_500);
    await account.deliver({ order: 'reversed' });
    expect(await statusOf(placed.reference)).toBe('partially_refunded');
    const rows = await ctx.db.select().from(refunds).where(eq(refunds.orderId, placed.id));
    expect(rows).toEqual([
      expect.objectContaining({ amount: 2_500, status: 'succeeded', destination: 'card' }),
    ]);
    // Every event once more, in creation order: nothing changes.
    await account.deliver();
    for (const event of account.events()) await account.redeliver(event.id);
    expect(await statusOf(placed.reference)).toBe('partially_refunded');
    expect(await ctx.db.select().from(refunds).where(eq(refunds.orderId, placed.id))).toHaveLength(
      1,
    );
  });

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
    clock = new Date(clock.getTime() + 60 * 60_000);
    await expireHolds(ctx.db, clock);
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
      const client = buyerClient(app, conference.slug, await makeBuyer(ctx.db));
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
    const client = buyerClient(app, conference.slug, await makeBuyer(ctx.db));
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
    const late = buyerClient(app, conference.slug, await makeBuyer(ctx.db));
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
        const client = buyerClient(app, conference.slug, buyer);
        expect((await client.addTicket(ticket.id)).statusCode).toBe(200);
        expect((await client.applyVoucher(voucher.code)).statusCode).toBe(200);
        return buyer;
      }),
    );

    const [, ...checkouts] = await Promise.all([
      account.deliver(),
      ...rivals.map((buyer) =>
        fetch(`${appUrl}/api/v1/conferences/${conference.slug}/checkout`, {
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
    const client = buyerClient(app, conference.slug, await makeBuyer(ctx.db));
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
      app.inject({
        method: 'POST',
        url: `/api/v1/conferences/${conference.slug}/manage/orders/${placed.reference}/payments`,
        headers: { cookie: staff },
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
    const accounts = configuredStripeGateways(TEST_SECRET_BOX, parseStripeEndpoint(fake.url));
    const fresh = await getConferenceBySlugOrThrow(ctx.db, conference.slug);
    const report = await reconcileStripeEvents(
      ctx.db,
      accounts,
      fresh,
      new Date(Date.now() - 3_600_000),
      clock,
    );
    expect(report.failed).toBe(0);
    expect(report.processed).toBeGreaterThanOrEqual(1);
    expect(await statusOf(placed.reference)).toBe('paid');
    const second = await reconcileStripeEvents(
      ctx.db,
      accounts,
      fresh,
      new Date(Date.now() - 3_600_000),
      clock,
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
