import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../support/app.ts';
import { buyerClient, makeBuyer } from '../support/buyers.ts';
import { expectError } from '../support/expect-error.ts';
import { describeEachBackend } from '../support/db.ts';
import { makeAddon, makeConference, makeRawOrder, makeTicketType } from '../factories/index.ts';
import { makeVoucher } from '../factories/sales.ts';

const NOW = new Date('2026-12-01T12:00:00Z');

describeEachBackend('cart', (ctx) => {
  let app: FastifyInstance;
  let clock = NOW;
  beforeAll(async () => {
    app = await buildTestApp(ctx, { now: () => clock });
  });
  afterAll(() => app.close());

  async function setup(conferenceOverrides = {}) {
    const conference = await makeConference(ctx.db, conferenceOverrides);
    const buyer = await makeBuyer(ctx.db);
    return { conference, buyer, client: buyerClient(app, conference.slug, buyer) };
  }

  it('CART-6 adds tickets, merges the line and slides expiry (CART-5)', async () => {
    clock = NOW;
    const { conference, client } = await setup({ cartExpiryMinutes: 30 });
    const ticket = await makeTicketType(ctx.db, conference, { price: 10_000 });
    await client.addTicket(ticket.id, 1);
    clock = new Date(NOW.getTime() + 10 * 60_000);
    const cart = (await client.addTicket(ticket.id, 2)).json();
    expect(cart.lines).toHaveLength(1);
    expect(cart.lines[0]).toMatchObject({ quantity: 3, subtotal: 30_000 });
    expect(cart.expiresAt).toBe(new Date(clock.getTime() + 30 * 60_000).toISOString());
    clock = NOW;
  });

  it('CART-6 concurrent adds by one buyer never push a line past the per-user limit', async () => {
    clock = NOW;
    const { conference, client } = await setup();
    const ticket = await makeTicketType(ctx.db, conference, { limitPerUser: 3 });
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => client.addTicket(ticket.id, 1)),
    );
    const accepted = answers.filter((a) => a.statusCode === 200);
    // Each add was checked against the cart it was written to: none was lost or let through.
    for (const refused of answers.filter((a) => a.statusCode !== 200)) {
      expect(['PER_USER_LIMIT', 'BUSY']).toContain(refused.json().error.code);
    }
    const cart = (await client.cart()).json();
    expect(cart.lines).toHaveLength(1);
    expect(cart.lines[0].quantity).toBe(accepted.length);
    expect(accepted.length).toBeGreaterThanOrEqual(1);
    expect(accepted.length).toBeLessThanOrEqual(3);
  });

  it('CART-6 refuses a product of another conference and a zero quantity', async () => {
    const { client } = await setup();
    const other = await makeConference(ctx.db);
    const foreign = await makeTicketType(ctx.db, other);
    expectError(await client.addTicket(foreign.id), 404, 'PRODUCT_NOT_FOUND');
    const zero = await client.addTicket(foreign.id, 0);
    expectError(zero, 400, 'VALIDATION_FAILED');
  });

  it('CART-7 compares the desired line total with what is left', async () => {
    const { conference, client } = await setup();
    const ticket = await makeTicketType(ctx.db, conference, { totalQuantity: 5 });
    const other = await makeBuyer(ctx.db);
    await makeRawOrder(ctx.db, {
      conference,
      user: other,
      status: 'paid',
      lines: [{ ticketType: ticket, quantity: 3 }],
    });
    expect((await client.addTicket(ticket.id, 1)).statusCode).toBe(200);
    const over = await client.addTicket(ticket.id, 2);
    expectError(over, 409, 'TICKET_STOCK');
    expect(over.json().error).toMatchObject({
      message: 'Only 2 of Individual are left; you asked for 3.',
      details: { remaining: 2, requested: 3 },
    });
    expect((await client.cart()).json().lines[0].quantity).toBe(1);
  });

  it('D2.4 per-user limit counts paid and held pending orders', async () => {
    const { conference, buyer, client } = await setup();
    const ticket = await makeTicketType(ctx.db, conference, { limitPerUser: 3 });
    const user = buyer;
    await makeRawOrder(ctx.db, {
      conference,
      user,
      status: 'paid',
      lines: [{ ticketType: ticket, quantity: 1 }],
    });
    await makeRawOrder(ctx.db, {
      conference,
      user,
      status: 'pending',
      holdExpiresAt: new Date(NOW.getTime() + 60_000),
      lines: [{ ticketType: ticket, quantity: 1 }],
    });
    expect((await client.addTicket(ticket.id, 1)).statusCode).toBe(200);
    const over = await client.addTicket(ticket.id, 1);
    expectError(over, 409, 'PER_USER_LIMIT');
    expect(over.json().error.message).toBe(
      'One person may buy at most 3 of Individual, and you already have 2.',
    );
  });

  it('INV-4 venue capacity counts every ticket unit in the cart', async () => {
    const { conference, client } = await setup({ totalCapacity: 3 });
    const a = await makeTicketType(ctx.db, conference, { name: 'A' });
    const b = await makeTicketType(ctx.db, conference, { name: 'B' });
    await client.addTicket(a.id, 2);
    const over = await client.addTicket(b.id, 2);
    expectError(over, 409, 'CAPACITY_INSUFFICIENT');
    expect(over.json().error.details).toMatchObject({ remaining: 3, requested: 4 });
  });

  it('CART-9 a hidden ticket needs a usable voucher that unlocks it and covers it (and CAT-6 then lists it)', async () => {
    const { conference, buyer, client } = await setup();
    const student = await makeTicketType(ctx.db, conference, {
      name: 'Student',
      requiresVoucher: true,
    });
    const speaker = await makeTicketType(ctx.db, conference, {
      name: 'Speaker',
      requiresVoucher: true,
    });
    expectError(await client.addTicket(student.id), 409, 'VOUCHER_REQUIRED');
    const plain = await makeVoucher(ctx.db, conference, {
      code: 'PLAIN10',
      kind: 'percentage',
      percentOffBp: 1000,
    });
    await client.applyVoucher(plain.code);
    expectError(await client.addTicket(student.id), 409, 'VOUCHER_REQUIRED');
    await makeVoucher(ctx.db, conference, {
      code: 'STUDENT-X',
      unlocksHiddenTickets: true,
      ticketTypes: [student],
    });
    expect((await client.applyVoucher(' student-x ')).statusCode).toBe(200);
    expect((await client.addTicket(student.id)).statusCode).toBe(200);
    expectError(await client.addTicket(speaker.id), 409, 'VOUCHER_SCOPE_MISMATCH');
    const listed = await app.inject({
      method: 'GET',
      url: `/api/v1/conferences/${conference.slug}/ticket-types`,
      headers: { cookie: buyer.cookie },
    });
    expect(listed.json().ticketTypes.map((t: { name: string }) => t.name)).toEqual(['Student']);
    const anonymous = await app.inject({
      method: 'GET',
      url: `/api/v1/conferences/${conference.slug}/ticket-types`,
    });
    expect(anonymous.json().ticketTypes).toEqual([]);
  });

  it('W-8 removing the unlocking voucher leaves a problem that checkout refuses', async () => {
    const { conference, client } = await setup();
    const student = await makeTicketType(ctx.db, conference, {
      name: 'Student',
      requiresVoucher: true,
      price: 5_000,
    });
    await makeVoucher(ctx.db, conference, { code: 'STU-1', unlocksHiddenTickets: true });
    await client.applyVoucher('STU-1');
    await client.addTicket(student.id);
    const cart = (await client.removeVoucher()).json();
    expect(cart.problems).toEqual([expect.objectContaining({ code: 'VOUCHER_REQUIRED' })]);
    expectError(await client.checkout(), 409, 'VOUCHER_REQUIRED');
  });

  it('CART-10 an add-on needs one of its tickets in the cart and stock', async () => {
    const { conference, client } = await setup();
    const ticket = await makeTicketType(ctx.db, conference);
    const tutorial = await makeAddon(ctx.db, conference, {
      name: 'Tutorial',
      totalQuantity: 1,
      requires: [ticket],
    });
    const prereq = await client.addAddon(tutorial.id);
    expectError(prereq, 409, 'ADDON_PREREQ_MISSING');
    await client.addTicket(ticket.id);
    expect((await client.addAddon(tutorial.id)).statusCode).toBe(200);
    expectError(await client.addAddon(tutorial.id), 409, 'ADDON_STOCK');
  });

  it('CART-11 removing a ticket removes add-ons that needed it; CART-12 quantity 0 removes', async () => {
    const { conference, client } = await setup();
    const ticket = await makeTicketType(ctx.db, conference, { name: 'Conf' });
    const tutorial = await makeAddon(ctx.db, conference, { name: 'Tutorial', requires: [ticket] });
    const shirt = await makeAddon(ctx.db, conference, { name: 'Shirt' });
    await client.addTicket(ticket.id);
    await client.addAddon(tutorial.id);
    const cart = (await client.addAddon(shirt.id)).json();
    const ticketLine = cart.lines.find((l: { kind: string }) => l.kind === 'ticket');
    const after = (await client.remove(ticketLine.itemId)).json();
    expect(after.lines.map((l: { name: string }) => l.name)).toEqual(['Shirt']);
    const emptied = (await client.setQuantity(after.lines[0].itemId, 0)).json();
    expect(emptied.lines).toEqual([]);
    expectError(await client.remove(after.lines[0].itemId), 404, 'ITEM_NOT_FOUND');
  });

  it('CART-13 unknown and unusable vouchers are refused with their reason', async () => {
    const { conference, client } = await setup();
    expectError(await client.applyVoucher('NOPE'), 404, 'VOUCHER_NOT_FOUND');
    await makeVoucher(ctx.db, conference, { code: 'OFF', isActive: false });
    const inactive = await client.applyVoucher('off');
    expectError(inactive, 409, 'VOUCHER_INVALID');
    expect(inactive.json().error.details.reason).toBe('VOUCHER_INACTIVE');
    await makeVoucher(ctx.db, conference, {
      code: 'LATE',
      validUntil: new Date(NOW.getTime() - 1),
    });
    expect((await client.applyVoucher('LATE')).json().error.details.reason).toBe('VOUCHER_EXPIRED');
  });

  it('PRICE the cart shows the breakdown and why each discount applied', async () => {
    const { conference, client } = await setup();
    const ticket = await makeTicketType(ctx.db, conference, { price: 10_000 });
    await makeVoucher(ctx.db, conference, {
      code: 'TENOFF',
      kind: 'fixed_amount',
      amountOff: 1_000,
    });
    await client.addTicket(ticket.id, 2);
    const cart = (await client.applyVoucher('TENOFF')).json();
    expect(cart).toMatchObject({
      subtotal: 20_000,
      voucherDiscount: 1_000,
      total: 19_000,
      voucher: { code: 'TENOFF', status: 'applied' },
    });
    expect(cart.lines[0].trace).toEqual([
      expect.objectContaining({
        kind: 'voucher',
        reasonCode: 'VOUCHER_FIXED_SHARE',
        amountOff: 1_000,
      }),
    ]);
  });

  it('requires a signed-in buyer', async () => {
    const conference = await makeConference(ctx.db);
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/conferences/${conference.slug}/cart`,
    });
    expectError(response, 401, 'UNAUTHENTICATED');
  });
});
