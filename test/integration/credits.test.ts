import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../support/app.ts';
import { buyerClient, makeBuyer } from '../support/buyers.ts';
import { describeEachBackend } from '../support/db.ts';
import { makeConference, makeTicketType } from '../factories/index.ts';
import { makeCredit } from '../factories/sales.ts';

const NOW = new Date('2026-12-01T12:00:00Z');

describeEachBackend('store credit at checkout', (ctx) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp(ctx, { now: () => NOW });
  });
  afterAll(() => app.close());

  it('CRED-4 one credit funds two orders; a covered order is paid, a partly covered one stays pending', async () => {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference, { price: 6_000 });
    const buyer = await makeBuyer(ctx.db);
    const client = buyerClient(app, conference.slug, buyer);
    await makeCredit(ctx.db, conference, buyer, 10_000);

    await client.addTicket(ticket.id);
    const first = (await client.checkout({ useCredit: true })).json();
    expect(first).toMatchObject({ status: 'paid', total: 6_000 });
    expect(first.payments).toEqual([
      expect.objectContaining({ method: 'credit', amount: 6_000, status: 'succeeded' }),
    ]);
    expect(first.accessCode).toMatch(/^[A-HJ-KM-NP-Z2-9]{8}$/);

    await client.addTicket(ticket.id);
    const second = (await client.checkout({ useCredit: true })).json();
    expect(second).toMatchObject({ status: 'pending', total: 6_000 });
    expect(second.payments).toEqual([expect.objectContaining({ method: 'credit', amount: 4_000 })]);
    expect((await client.credits()).json().credits).toEqual([]);

    await client.cancel(second.reference);
    expect((await client.credits()).json().credits).toEqual([
      expect.objectContaining({ amount: 10_000, remaining: 4_000 }),
    ]);
  });

  it('CRED-7 an expired credit is not spent; without useCredit nothing is spent', async () => {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference, { price: 5_000 });
    const buyer = await makeBuyer(ctx.db);
    const client = buyerClient(app, conference.slug, buyer);
    await makeCredit(ctx.db, conference, buyer, 5_000, new Date(NOW.getTime() - 1));
    await makeCredit(ctx.db, conference, buyer, 1_000);
    await client.addTicket(ticket.id);
    const plain = (await client.checkout()).json();
    expect(plain.payments).toEqual([]);
    await client.cancel(plain.reference);
    await client.addTicket(ticket.id);
    const withCredit = (await client.checkout({ useCredit: true })).json();
    expect(withCredit.payments.map((p: { amount: number }) => p.amount)).toEqual([1_000]);
  });
});
