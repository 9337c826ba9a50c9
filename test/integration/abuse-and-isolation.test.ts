import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signUp } from '../../src/services/accounts/index.ts';
import { makeConference, makeTicketType } from '../factories/index.ts';
import { makeVoucher } from '../factories/sales.ts';
import { buildTestApp } from '../support/app.ts';
import { buyerClient, makeBuyer } from '../support/buyers.ts';
import { describeEachBackend } from '../support/db.ts';

describeEachBackend('abuse limits, CSRF and buyer isolation (D6.2, D6.3)', (ctx) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp(ctx);
  });
  afterAll(() => app.close());

  it('sign-in: ten wrong passwords for one account, then 429 even with the right one; other accounts unaffected', async () => {
    const email = `target-${Date.now()}@example.org`;
    await signUp(ctx.db, { email, password: 'the right password' });
    const signIn = (password: string, as = email) =>
      app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: as, password } });
    for (let attempt = 0; attempt < 10; attempt += 1)
      expect((await signIn(`guess ${attempt}`)).statusCode).toBe(401);
    const blocked = await signIn('the right password');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error).toMatchObject({ code: 'RATE_LIMITED' });
    expect(blocked.json().error.details.retryAfterSeconds).toBeGreaterThan(0);
    expect(blocked.headers['retry-after']).toBeDefined();
    expect((await signIn('whatever', `someone-else-${Date.now()}@example.org`)).statusCode).toBe(
      401,
    );
  });

  it('a conference address that is not one (NUL, too long, unknown) is a clear 4xx, signed in or not', async () => {
    const buyer = await makeBuyer(ctx.db);
    for (const slug of ['a%00b', 'x'.repeat(300), 'no-such-conference']) {
      for (const cookie of [undefined, buyer.cookie]) {
        const answer = await app.inject({
          method: 'GET',
          url: `/api/v1/conferences/${slug}/cart`,
          headers: cookie ? { cookie } : {},
        });
        expect(
          answer.statusCode,
          `${slug} ${cookie ? 'signed in' : 'anonymous'}`,
        ).toBeGreaterThanOrEqual(400);
        expect(answer.statusCode).toBeLessThan(500);
        expect(answer.json().error.code).toMatch(/^[A-Z_]+$/);
      }
    }
  });

  it('voucher guessing: twenty tries a minute per buyer, then 429', async () => {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference);
    const client = buyerClient(app, conference.slug, await makeBuyer(ctx.db));
    await client.addTicket(ticket.id);
    for (let attempt = 0; attempt < 20; attempt += 1)
      expect((await client.applyVoucher(`GUESS${attempt}`)).statusCode).toBe(404);
    const blocked = await client.applyVoucher('GUESS21');
    expect(blocked.statusCode).toBe(429);
    const other = buyerClient(app, conference.slug, await makeBuyer(ctx.db));
    await other.addTicket(ticket.id);
    expect((await other.applyVoucher('GUESS22')).statusCode).toBe(404);
  });

  it('CSRF: a cookie-carrying change from another site is refused; from our own origin it goes through', async () => {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference);
    const buyer = await makeBuyer(ctx.db);
    const add = (headers: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/conferences/${conference.slug}/cart/items`,
        headers: { cookie: buyer.cookie, host: 'lanyard.example', ...headers },
        payload: { ticketTypeId: ticket.id, quantity: 1 },
      });
    const forged = await add({ origin: 'https://evil.example' });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe('CSRF_REJECTED');
    expect((await add({ 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    expect((await buyerClient(app, conference.slug, buyer).cart()).json().lines).toEqual([]);
    expect(
      (await add({ origin: 'http://lanyard.example', 'sec-fetch-site': 'same-origin' })).statusCode,
    ).toBe(200);
    // Reading is not a change; a login from another site is refused too (login CSRF).
    const read = await app.inject({
      method: 'GET',
      url: `/api/v1/conferences/${conference.slug}/cart`,
      headers: { cookie: buyer.cookie, origin: 'https://evil.example' },
    });
    expect(read.statusCode).toBe(200);
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { origin: 'https://evil.example' },
      payload: { email: buyer.email, password: 'x' },
    });
    expect(login.json().error.code).toBe('CSRF_REJECTED');
  });

  it('D6.2 one buyer cannot read or change another buyer’s cart lines or orders by guessing', async () => {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference, { price: 2_000 });
    await makeVoucher(ctx.db, conference, { code: 'MINE', kind: 'percentage', percentOffBp: 5000 });
    const alice = buyerClient(app, conference.slug, await makeBuyer(ctx.db));
    const mallory = buyerClient(app, conference.slug, await makeBuyer(ctx.db));
    const cart = (await alice.addTicket(ticket.id)).json<{ lines: Array<{ itemId: string }> }>();
    const itemId = cart.lines[0]?.itemId ?? '';
    await mallory.addTicket(ticket.id);
    expect((await mallory.setQuantity(itemId, 5)).statusCode).toBe(404);
    expect((await mallory.remove(itemId)).statusCode).toBe(404);
    expect((await alice.cart()).json().lines).toEqual([
      expect.objectContaining({ itemId, quantity: 1 }),
    ]);

    const order = (await alice.checkout()).json<{ reference: string }>();
    for (const response of [
      await mallory.order(order.reference),
      await mallory.cancel(order.reference),
      await mallory.startCard(order.reference),
      await mallory.confirmCard(order.reference, 'pi_guess'),
      await mallory.payWithCredit(order.reference),
    ]) {
      expect(response.statusCode, response.body).toBe(404);
      expect(['ORDER_NOT_FOUND', 'PAYMENT_NOT_FOUND']).toContain(response.json().error.code);
    }
    expect((await mallory.orders()).json().orders).toEqual([]);
    expect((await alice.order(order.reference)).json().status).toBe('pending');
  });
});
