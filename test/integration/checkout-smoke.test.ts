import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../support/app.ts';
import { buyerClient, makeBuyer } from '../support/buyers.ts';
import { describeEachBackend } from '../support/db.ts';
import { makeConference, makeTicketType } from '../factories/index.ts';

describeEachBackend('checkout smoke', (ctx) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp(ctx);
  });
  afterAll(() => app.close());

  it('adds a ticket and checks out into a pending order', async () => {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference, { totalQuantity: 10 });
    const buyer = buyerClient(app, conference.slug, await makeBuyer(ctx.db));
    const added = await buyer.addTicket(ticket.id, 2);
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json().total).toBe(80_000);
    const placed = await buyer.checkout({ expectedTotal: 80_000 });
    expect(placed.statusCode, placed.body).toBe(201);
    expect(placed.json()).toMatchObject({ status: 'pending', total: 80_000 });
  });
});
