import { eq, inArray, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { attendees, carts, orders, outbox, payments } from '../../src/db/schema/index.ts';
import { expireHolds } from '../../src/services/orders/index.ts';
import { expectError } from '../support/expect-error.ts';
import { makeBuyer } from '../support/buyers.ts';
import { describeEachBackend } from '../support/db.ts';
import { makeAddon, makeConference, makeRawOrder, makeTicketType } from '../factories/index.ts';
import { makeCondition, makeSpeakerCompTicket, makeVoucher } from '../factories/sales.ts';
import { CHECKOUT_NOW, checkoutSuite, later } from '../support/checkout-suite.ts';

describeEachBackend('checkout', (ctx) => {
  const s = checkoutSuite(ctx);
  const { buyerIn, remainingOf } = s;

  it('CHK-7/CHK-8 places a pending order with a hold, snapshots lines and closes the cart', async () => {
    s.setClock(CHECKOUT_NOW);
    const conference = await makeConference(ctx.db, { holdMinutes: 15 });
    const ticket = await makeTicketType(ctx.db, conference, { totalQuantity: 10, price: 40_000 });
    const shirt = await makeAddon(ctx.db, conference, { price: 2_000 });
    await makeCondition(ctx.db, conference, {
      name: 'Early bird',
      percentOffBp: 1500,
      ticketTypes: [ticket],
    });
    const { buyer, client } = await buyerIn(conference);
    await client.addTicket(ticket.id, 2);
    await client.addAddon(shirt.id, 1);
    const placed = await client.checkout({ billingCompany: 'ACME', expectedTotal: 70_000 });
    expect(placed.statusCode, placed.body).toBe(201);
    const order = placed.json();
    expect(order.reference).toMatch(/^ORD-[A-HJ-KM-NP-Z2-9]{8}$/);
    expect(order).toMatchObject({
      status: 'pending',
      subtotal: 82_000,
      discountAmount: 12_000,
      total: 70_000,
      billingCompany: 'ACME',
      holdExpiresAt: later(15).toISOString(),
      accessCode: null,
    });
    expect(order.lines).toEqual([
      expect.objectContaining({
        kind: 'ticket',
        quantity: 2,
        unitPrice: 40_000,
        conditionDiscount: 12_000,
        conditionName: 'Early bird',
        lineTotal: 68_000,
      }),
      expect.objectContaining({
        kind: 'addon',
        quantity: 1,
        unitPrice: 2_000,
        conditionDiscount: 0,
        lineTotal: 2_000,
      }),
    ]);
    expect(await remainingOf(conference.slug, ticket.id)).toBe(8);
    const [cart] = await ctx.db.select().from(carts).where(eq(carts.userId, buyer.id));
    expect(cart?.status).toBe('checked_out');
    expect((await client.cart()).json().lines).toEqual([]);
  });

  it('D4.5 a zero-total order is paid at once, makes an attendee and queues the confirmation once', async () => {
    const conference = await makeConference(ctx.db);
    const speaker = await makeSpeakerCompTicket(ctx.db, conference);
    const { buyer, client } = await buyerIn(conference);
    await client.applyVoucher('speaker');
    await client.addTicket(speaker.id);
    const order = (await client.checkout({ expectedTotal: 0 })).json();
    expect(order).toMatchObject({
      status: 'paid',
      total: 0,
      voucherCode: 'SPEAKER',
      holdExpiresAt: null,
    });
    expect(order.accessCode).toMatch(/^[A-HJ-KM-NP-Z2-9]{8}$/);
    expect(order.payments).toEqual([
      expect.objectContaining({ method: 'comp', status: 'succeeded', amount: 0 }),
    ]);
    const people = await ctx.db.select().from(attendees).where(eq(attendees.userId, buyer.id));
    expect(people).toHaveLength(1);
    const jobs = await ctx.db
      .select()
      .from(outbox)
      .where(sql`${outbox.payload}->>'orderId' = ${order.id}`);
    expect(jobs.map((j) => j.kind).sort()).toEqual(['email.order_confirmation', 'order.paid']);
  });

  it('D3.7 refuses a changed total with the new breakdown and writes nothing', async () => {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference, { price: 10_000 });
    const { buyer, client } = await buyerIn(conference);
    await client.addTicket(ticket.id);
    const refused = await client.checkout({ expectedTotal: 9_000 });
    expectError(refused, 409, 'PRICE_CHANGED');
    expect(refused.json().error.details).toMatchObject({ expectedTotal: 9_000, total: 10_000 });
    expect(await ctx.db.select().from(orders).where(eq(orders.userId, buyer.id))).toEqual([]);
    expect((await client.cart()).json().lines).toHaveLength(1);
  });

  it('D4.2 the same idempotency key returns the same order', async () => {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference);
    const { buyer, client } = await buyerIn(conference);
    await client.addTicket(ticket.id);
    const first = await client.checkout({}, 'click-0001');
    const second = await client.checkout({}, 'click-0001');
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(second.json().reference).toBe(first.json().reference);
    expect(await ctx.db.select().from(orders).where(eq(orders.userId, buyer.id))).toHaveLength(1);
  });

  it('D4.2 a key clicked four times at once makes one order, and a new cart does not reuse it', async () => {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference);
    const { buyer, client } = await buyerIn(conference);
    await client.addTicket(ticket.id);
    const clicks = await Promise.all(
      Array.from({ length: 4 }, () => client.checkout({}, 'click-0002')),
    );
    const references = new Set(clicks.map((c) => c.json().reference as string));
    expect(clicks.map((c) => c.statusCode).sort()).toEqual([200, 200, 200, 201]);
    expect(references.size).toBe(1);
    // The same key with a new cart answers with the first order and leaves the new cart alone.
    await client.addTicket(ticket.id);
    const reused = await client.checkout({}, 'click-0002');
    expect(reused.statusCode).toBe(200);
    expect(references.has(reused.json().reference)).toBe(true);
    expect(await ctx.db.select().from(orders).where(eq(orders.userId, buyer.id))).toHaveLength(1);
    expect((await client.cart()).json().lines).toHaveLength(1);
  });

  it('CHK-2 an empty cart cannot be checked out', async () => {
    const conference = await makeConference(ctx.db);
    const { client } = await buyerIn(conference);
    expectError(await client.checkout(), 409, 'CART_EMPTY');
  });

  it('CHK-4 stock sold between add and checkout is refused at checkout', async () => {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference, { totalQuantity: 1 });
    const first = await buyerIn(conference);
    const second = await buyerIn(conference);
    await first.client.addTicket(ticket.id);
    await second.client.addTicket(ticket.id);
    expect((await first.client.checkout()).statusCode).toBe(201);
    const refused = await second.client.checkout();
    expectError(refused, 409, 'TICKET_STOCK');
    expect(refused.json().error.message).toBe('Individual is sold out.');
  });

  it('ORD-4 cancelling a pending order releases its stock; a paid order cannot be cancelled', async () => {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference, { totalQuantity: 5 });
    const { client } = await buyerIn(conference);
    await client.addTicket(ticket.id, 2);
    const order = (await client.checkout()).json();
    expect(await remainingOf(conference.slug, ticket.id)).toBe(3);
    const cancelled = await client.cancel(order.reference.toLowerCase());
    expect(cancelled.json().status).toBe('cancelled');
    expect(await remainingOf(conference.slug, ticket.id)).toBe(5);
    expectError(await client.cancel(order.reference), 409, 'ORDER_NOT_CANCELLABLE');
  });

  it("D6.2 a buyer cannot read or cancel another buyer's order", async () => {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference);
    const owner = await buyerIn(conference);
    const stranger = await buyerIn(conference);
    await owner.client.addTicket(ticket.id);
    const order = (await owner.client.checkout()).json();
    expectError(await stranger.client.order(order.reference), 404, 'ORDER_NOT_FOUND');
    expectError(await stranger.client.cancel(order.reference), 404, 'ORDER_NOT_FOUND');
    expect((await stranger.client.orders()).json().orders).toEqual([]);
  });

  it('D2.5 the sweep cancels lapsed holds and gives back stock and voucher uses', async () => {
    s.setClock(CHECKOUT_NOW);
    const conference = await makeConference(ctx.db, { holdMinutes: 10 });
    const ticket = await makeTicketType(ctx.db, conference, { totalQuantity: 3, price: 10_000 });
    await makeVoucher(ctx.db, conference, {
      code: 'ONCE',
      kind: 'percentage',
      percentOffBp: 5000,
      maxUses: 1,
    });
    const first = await buyerIn(conference);
    await first.client.applyVoucher('ONCE');
    await first.client.addTicket(ticket.id);
    const order = (await first.client.checkout({ expectedTotal: 5_000 })).json();
    const second = await buyerIn(conference);
    expectError(await second.client.applyVoucher('ONCE'), 409, 'VOUCHER_INVALID');

    expect(await expireHolds(ctx.db, later(9))).toBe(0);
    s.setClock(later(10));
    expect(await remainingOf(conference.slug, ticket.id)).toBe(3);
    expect(await expireHolds(ctx.db, later(10))).toBe(1);
    const [swept] = await ctx.db.select().from(orders).where(eq(orders.id, order.id));
    expect(swept).toMatchObject({ status: 'cancelled', holdExpiresAt: null });
    expect((await second.client.applyVoucher('ONCE')).statusCode).toBe(200);
    s.setClock(CHECKOUT_NOW);
  });

  it('W-16 the sweep leaves a lapsed order that already received outside money for staff', async () => {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference);
    const buyer = await makeBuyer(ctx.db);
    const lapsed = await makeRawOrder(ctx.db, {
      conference,
      user: buyer,
      status: 'pending',
      holdExpiresAt: later(-5),
      lines: [{ ticketType: ticket, quantity: 1 }],
    });
    await ctx.db.insert(payments).values({
      orderId: lapsed.id,
      conferenceId: conference.id,
      method: 'manual',
      status: 'succeeded',
      amount: 100,
      currency: 'USD',
    });
    const plain = await makeRawOrder(ctx.db, {
      conference,
      user: buyer,
      status: 'pending',
      holdExpiresAt: later(-5),
      lines: [{ ticketType: ticket, quantity: 1 }],
    });
    await expireHolds(ctx.db, CHECKOUT_NOW);
    const statuses = await ctx.db
      .select({ id: orders.id, status: orders.status })
      .from(orders)
      .where(inArray(orders.id, [lapsed.id, plain.id]));
    expect(Object.fromEntries(statuses.map((o) => [o.id, o.status]))).toEqual({
      [lapsed.id]: 'pending',
      [plain.id]: 'cancelled',
    });
  });

  it('VOU-7 the voucher use is taken by the order, not by applying it', async () => {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference, { price: 10_000 });
    await makeVoucher(ctx.db, conference, {
      code: 'SOLO',
      kind: 'fixed_amount',
      amountOff: 2_500,
      maxUses: 1,
    });
    const a = await buyerIn(conference);
    const b = await buyerIn(conference);
    for (const buyer of [a, b]) {
      await buyer.client.applyVoucher('SOLO');
      await buyer.client.addTicket(ticket.id);
    }
    expect((await a.client.checkout({ expectedTotal: 7_500 })).statusCode).toBe(201);
    const refused = await b.client.checkout({ expectedTotal: 7_500 });
    expectError(refused, 409, 'VOUCHER_INVALID');
    expect(refused.json().error.details.reason).toBe('VOUCHER_USED_UP');
  });

  it('D3.6 a condition limit discounts only the units left and releases them on cancel', async () => {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference, { price: 10_000 });
    await makeCondition(ctx.db, conference, {
      name: 'First three',
      usageLimit: 3,
      percentOffBp: 5000,
    });
    const a = await buyerIn(conference);
    await a.client.addTicket(ticket.id, 2);
    const first = (await a.client.checkout({ expectedTotal: 10_000 })).json();
    expect(first.lines[0]).toMatchObject({ conditionDiscount: 10_000 });
    const b = await buyerIn(conference);
    const cart = (await b.client.addTicket(ticket.id, 2)).json();
    expect(cart.lines[0].trace[0]).toMatchObject({
      reasonCode: 'EARLY_BIRD_WINDOW_LIMIT_PARTIAL',
      amountOff: 5_000,
    });
    await a.client.cancel(first.reference);
    expect((await b.client.cart()).json().conditionDiscount).toBe(10_000);
  });
});
