import { and, eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { carts, orderLines, orders, payments } from '../../src/db/schema/index.ts';
import { placeOrder } from '../../src/services/checkout/index.ts';
import { createConsumptionKernel } from '../../src/services/inventory/index.ts';
import { expectError } from '../support/expect-error.ts';
import { makeBuyer } from '../support/buyers.ts';
import { describeEachBackend } from '../support/db.ts';
import { makeAddon, makeConference, makeRawOrder, makeTicketType } from '../factories/index.ts';
import { makeCondition, makeVoucher } from '../factories/sales.ts';
import { CHECKOUT_NOW, checkoutSuite, later } from '../support/checkout-suite.ts';

describeEachBackend('checkout: what the database writes and refuses', (ctx) => {
  const s = checkoutSuite(ctx);
  const { buyerIn, remainingOf } = s;

  it('D2.2 the order written in one statement reads back exactly as Drizzle reads it', async () => {
    s.setClock(CHECKOUT_NOW);
    const conference = await makeConference(ctx.db, { totalCapacity: 50 });
    const ticket = await makeTicketType(ctx.db, conference, { totalQuantity: 10, price: 40_000 });
    const shirt = await makeAddon(ctx.db, conference, { price: 2_000, totalQuantity: 5 });
    await makeCondition(ctx.db, conference, {
      name: 'Flash sale',
      usageLimit: 3,
      percentOffBp: 1000,
      ticketTypes: [ticket],
    });
    const voucher = await makeVoucher(ctx.db, conference, {
      kind: 'percentage',
      percentOffBp: 500,
      maxUses: 2,
    });
    const { buyer, client } = await buyerIn(conference);
    await client.addTicket(ticket.id, 2);
    await client.addAddon(shirt.id, 1);
    expect((await client.applyVoucher(voucher.code)).statusCode).toBe(200);
    const placed = await placeOrder(ctx.db, createConsumptionKernel(ctx.db), {
      buyerId: buyer.id,
      conference,
      billing: { name: 'Ada', email: 'ada@example.org', company: 'ACME' },
      idempotencyKey: 'one-statement-read-back',
      now: CHECKOUT_NOW,
    });
    const [stored] = await ctx.db.select().from(orders).where(eq(orders.id, placed.order.id));
    expect(placed.order).toEqual(stored);
    expect(placed.order.voucherDetails).toMatchObject({ code: voucher.code, percentOffBp: 500 });
    const lines = await ctx.db
      .select()
      .from(orderLines)
      .where(eq(orderLines.orderId, placed.order.id))
      .orderBy(orderLines.sortOrder);
    expect(placed.detail.lines).toEqual(lines);
    expect(lines.map((l) => [l.productKind, l.quantity, l.conditionUnits])).toEqual([
      ['ticket', 2, 2],
      ['addon', 1, 0],
    ]);
    const [cart] = await ctx.db.select().from(carts).where(eq(carts.userId, buyer.id));
    expect(cart?.status).toBe('checked_out');
  });

  it('D2.2 seats taken after the buyer loaded the cart: refused with what is left, nothing written', async () => {
    s.setClock(CHECKOUT_NOW);
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference, { totalQuantity: 3 });
    const { buyer, client } = await buyerIn(conference);
    await client.addTicket(ticket.id, 2);
    // Another buyer's order takes two of the three seats after this cart was filled.
    await makeRawOrder(ctx.db, {
      conference,
      user: await makeBuyer(ctx.db),
      status: 'paid',
      lines: [{ ticketType: ticket, quantity: 2 }],
    });
    const refused = await client.checkout();
    expectError(refused, 409, 'TICKET_STOCK');
    expect(refused.json().error.details).toMatchObject({ remaining: 1, requested: 2 });
    const mine = await ctx.db.select().from(orders).where(eq(orders.userId, buyer.id));
    expect(mine).toEqual([]);
    const [cart] = await ctx.db.select().from(carts).where(eq(carts.userId, buyer.id));
    expect(cart?.status).toBe('open');
  });

  it("D2.1 each line carries its order's status and hold through the order's life, and counts follow", async () => {
    s.setClock(CHECKOUT_NOW);
    const conference = await makeConference(ctx.db, { totalCapacity: 10 });
    const ticket = await makeTicketType(ctx.db, conference, { totalQuantity: 3 });
    const shirt = await makeAddon(ctx.db, conference, { totalQuantity: 3 });
    const order = await makeRawOrder(ctx.db, {
      conference,
      user: await makeBuyer(ctx.db),
      status: 'pending',
      holdExpiresAt: later(15),
      lines: [
        { ticketType: ticket, quantity: 2 },
        { addon: shirt, quantity: 1 },
      ],
    });
    const states = async () =>
      (
        await ctx.db
          .select({ status: orderLines.orderStatus, hold: orderLines.orderHoldExpiresAt })
          .from(orderLines)
          .where(eq(orderLines.orderId, order.id))
      ).map((l) => `${l.status} ${l.hold?.toISOString() ?? '-'}`);
    const setOrder = (values: Partial<typeof orders.$inferInsert>) =>
      ctx.db.update(orders).set(values).where(eq(orders.id, order.id));
    expect(await states()).toEqual(Array(2).fill(`pending ${later(15).toISOString()}`));
    expect(await remainingOf(conference.slug, ticket.id)).toBe(1);
    await setOrder({ holdExpiresAt: later(-1) });
    expect(await states()).toEqual(Array(2).fill(`pending ${later(-1).toISOString()}`));
    expect(await remainingOf(conference.slug, ticket.id)).toBe(3);
    await setOrder({ status: 'paid', holdExpiresAt: null });
    expect(await states()).toEqual(['paid -', 'paid -']);
    expect(await remainingOf(conference.slug, ticket.id)).toBe(1);
    await setOrder({ status: 'refunded' });
    expect(await states()).toEqual(['refunded -', 'refunded -']);
    expect(await remainingOf(conference.slug, ticket.id)).toBe(3);
    // A line written later takes the order's state, whatever the writer says.
    await ctx.db.insert(orderLines).values({
      orderId: order.id,
      conferenceId: conference.id,
      productKind: 'ticket',
      ticketTypeId: ticket.id,
      description: ticket.name,
      quantity: 1,
      unitPrice: ticket.price,
      lineTotal: ticket.price,
      orderStatus: 'paid',
    });
    expect(await states()).toEqual(['refunded -', 'refunded -', 'refunded -']);
    // Reviving it counts again, and the D2.3 fence sees the lines in their new state.
    await expect(setOrder({ status: 'paid' })).resolves.toBeDefined();
    expect(await remainingOf(conference.slug, ticket.id)).toBe(0);
  });

  it('D2.3 the database refuses an oversell even without application locks', async () => {
    const conference = await makeConference(ctx.db, { totalCapacity: 4 });
    const ticket = await makeTicketType(ctx.db, conference, { totalQuantity: 2 });
    const buyer = await makeBuyer(ctx.db);
    await makeRawOrder(ctx.db, {
      conference,
      user: buyer,
      status: 'paid',
      lines: [{ ticketType: ticket, quantity: 2 }],
    });
    const oversell = makeRawOrder(ctx.db, {
      conference,
      user: buyer,
      status: 'paid',
      lines: [{ ticketType: ticket, quantity: 1 }],
    });
    await expect(oversell).rejects.toThrow();
    const other = await makeTicketType(ctx.db, conference);
    await makeRawOrder(ctx.db, {
      conference,
      user: buyer,
      status: 'paid',
      lines: [{ ticketType: other, quantity: 2 }],
    });
    await expect(
      makeRawOrder(ctx.db, {
        conference,
        user: buyer,
        status: 'paid',
        lines: [{ ticketType: other, quantity: 1 }],
      }),
    ).rejects.toThrow();
    const counted = await ctx.db
      .select({ units: sql<string>`coalesce(sum(${orderLines.quantity}), 0)` })
      .from(orderLines)
      .innerJoin(orders, eq(orders.id, orderLines.orderId))
      .where(and(eq(orders.conferenceId, conference.id), eq(orders.status, 'paid')));
    expect(Number(counted[0]?.units)).toBe(4);
  });

  it('D2.3 reviving a cancelled order is refused by the database when its seats are gone', async () => {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference, { totalQuantity: 1 });
    const buyer = await makeBuyer(ctx.db);
    const lapsed = await makeRawOrder(ctx.db, {
      conference,
      user: buyer,
      status: 'cancelled',
      lines: [{ ticketType: ticket, quantity: 1 }],
    });
    await makeRawOrder(ctx.db, {
      conference,
      user: buyer,
      status: 'paid',
      lines: [{ ticketType: ticket, quantity: 1 }],
    });
    await expect(
      ctx.db.update(orders).set({ status: 'paid' }).where(eq(orders.id, lapsed.id)),
    ).rejects.toThrow();
    expect(await ctx.db.select().from(payments).where(eq(payments.orderId, lapsed.id))).toEqual([]);
  });
});
