import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { orders, refunds } from '../../src/db/schema/index.ts';
import { buildTestApp } from '../support/app.ts';
import { buyerClient, makeBuyer } from '../support/buyers.ts';
import { describeEachBackend } from '../support/db.ts';
import { expectError } from '../support/expect-error.ts';
import { makeConference, makeTicketType } from '../factories/index.ts';
import { staffCookie } from '../factories/staff.ts';

describeEachBackend('Idempotency-Key reused for another request', (ctx) => {
  let app: FastifyInstance;
  let staff: string;
  beforeAll(async () => {
    app = await buildTestApp(ctx);
    staff = await staffCookie(app, ctx.db);
  });
  afterAll(() => app.close());

  it('D4.2 a checkout key sent again with other billing details is 422 and makes no order', async () => {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference);
    const buyer = await makeBuyer(ctx.db);
    const client = buyerClient(app, conference.slug, buyer);
    await client.addTicket(ticket.id);
    const first = await client.checkout({ billingCompany: 'Acme' }, 'form-key-0001');
    expect(first.statusCode).toBe(201);
    // Field order does not matter: the same request replays.
    const same = await client.checkout({ billingCompany: 'Acme' }, 'form-key-0001');
    expect(same.statusCode).toBe(200);

    await client.addTicket(ticket.id);
    const other = await client.checkout({ billingCompany: 'Globex' }, 'form-key-0001');
    expectError(other, 422, 'IDEMPOTENCY_KEY_REUSED');
    expect(await ctx.db.select().from(orders).where(eq(orders.userId, buyer.id))).toHaveLength(1);
    // The new cart is untouched and can still be checked out with a new key.
    const fresh = await client.checkout({ billingCompany: 'Globex' }, 'form-key-0002');
    expect(fresh.statusCode).toBe(201);
  });

  it('D4.6 a refund key sent again with another amount is 422 and refunds nothing more', async () => {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference, { price: 10_000 });
    const buyer = await makeBuyer(ctx.db);
    const client = buyerClient(app, conference.slug, buyer);
    await client.addTicket(ticket.id);
    const { reference } = (await client.checkout()).json<{ reference: string }>();
    const base = `/api/v1/conferences/${conference.slug}/manage/orders/${reference}`;
    const paid = await app.inject({
      method: 'POST',
      url: `${base}/payments`,
      headers: { cookie: staff },
      payload: { method: 'manual', amount: 10_000 },
    });
    expect(paid.statusCode, paid.body).toBe(201);
    const refund = (amount: number) =>
      app.inject({
        method: 'POST',
        url: `${base}/refunds`,
        headers: { cookie: staff, 'idempotency-key': 'refund-key-0001' },
        payload: { amount, destination: 'credit', reason: 'moved' },
      });
    expect((await refund(2_000)).statusCode).toBe(201);
    expect((await refund(2_000)).json()).toMatchObject({ replayed: true, amount: 2_000 });
    expectError(await refund(3_000), 422, 'IDEMPOTENCY_KEY_REUSED');
    const [order] = await ctx.db.select().from(orders).where(eq(orders.reference, reference));
    const rows = await ctx.db.select().from(refunds).where(eq(refunds.orderId, order!.id));
    expect(rows.map((r) => r.amount)).toEqual([2_000]);
  });
});
