import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { attendees, outbox, refunds } from '../../src/db/schema/index.ts';
import { makeTicketType } from '../factories/index.ts';
import { describeEachBackend } from '../support/db.ts';
import { moneySuite } from '../support/money-suite.ts';

describeEachBackend('refunds and credits', (ctx) => {
  const s = moneySuite(ctx);
  const { setUp, order, payByCard, refund, statusOf } = s;

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
    const noKey = await s.app.inject({
      method: 'POST',
      url: `/api/v1/conferences/${conference.slug}/manage/orders/${placed.reference}/refunds`,
      headers: { cookie: s.staff },
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
    const soldOut = await s.app.inject({
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
    const after = await s.app.inject({
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
    const catalog = await s.app.inject({
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
});
