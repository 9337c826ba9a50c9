import { and, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  auditLog,
  conferences,
  credits,
  orders,
  payments,
  refunds,
} from '../../src/db/schema/index.ts';
import { grantCredit } from '../../src/services/credits/index.ts';
import { makeConference, makeTicketType, makeUser } from '../factories/index.ts';
import { staffCookie } from '../factories/staff.ts';
import { buildTestApp } from '../support/app.ts';
import { buyerClient, makeBuyer } from '../support/buyers.ts';
import { describeEachBackend } from '../support/db.ts';

// Issue 15.5 / D6.4: a staff money action and its audit row commit together, in the service's
// own transaction. The audit insert is made to fail with a database trigger (a real failure in
// the real database, nothing mocked): the change must roll back with it. When the route wrote
// the audit row after the service had committed, the change stayed without any audit row.

describeEachBackend('staff money actions are audited in their own transaction (D6.4)', (ctx) => {
  let app: FastifyInstance;
  let admin: string;
  beforeAll(async () => {
    app = await buildTestApp(ctx);
    admin = await staffCookie(app, ctx.db);
    await ctx.db.execute(sql`
      CREATE OR REPLACE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit log refused for this test'; END $$`);
  });
  afterEach(() => ctx.db.execute(sql`DROP TRIGGER IF EXISTS test_refuse_audit ON audit_log`));
  afterAll(() => app.close());

  const refuseAudits = () =>
    ctx.db.execute(sql`CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_log
      FOR EACH ROW EXECUTE FUNCTION test_refuse_audit()`);

  const manage = (slug: string, path: string, payload: object, headers = {}) =>
    app.inject({
      method: path === 'stripe' ? 'PUT' : 'POST',
      url: `/api/v1/conferences/${slug}/manage/${path}`,
      headers: { cookie: admin, ...headers },
      payload,
    });

  async function pendingOrder(price = 4_000) {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference, { price });
    const buyer = await makeBuyer(ctx.db);
    const client = buyerClient(app, conference.slug, buyer);
    await client.addTicket(ticket.id);
    const { reference } = (await client.checkout()).json<{ reference: string }>();
    const [order] = await ctx.db.select().from(orders).where(eq(orders.reference, reference));
    if (!order) throw new Error('checkout made no order');
    return { conference, buyer, order };
  }

  const auditsOf = (conferenceId: string) =>
    ctx.db.select().from(auditLog).where(eq(auditLog.conferenceId, conferenceId));

  it('a manual payment whose audit row fails is not recorded either', async () => {
    const { conference, order } = await pendingOrder();
    await refuseAudits();
    const refused = await manage(conference.slug, `orders/${order.reference}/payments`, {
      method: 'manual',
      amount: 4_000,
      reference: 'CASH-1',
    });
    expect(refused.statusCode).toBe(500);
    expect(await ctx.db.select().from(payments).where(eq(payments.orderId, order.id))).toEqual([]);
    const [row] = await ctx.db.select().from(orders).where(eq(orders.id, order.id));
    expect(row?.status).toBe('pending');
    expect(await auditsOf(conference.id)).toEqual([]);
  });

  it('a refund whose audit row fails is not recorded, and the order stays paid', async () => {
    const { conference, order } = await pendingOrder();
    const paid = await manage(conference.slug, `orders/${order.reference}/payments`, {
      method: 'manual',
      amount: 4_000,
      reference: 'CASH-2',
    });
    expect(paid.statusCode).toBe(201);
    await refuseAudits();
    const refused = await manage(
      conference.slug,
      `orders/${order.reference}/refunds`,
      { amount: 4_000, destination: 'credit' },
      { 'idempotency-key': 'audit-atomic-1' },
    );
    expect(refused.statusCode).toBe(500);
    expect(await ctx.db.select().from(refunds).where(eq(refunds.orderId, order.id))).toEqual([]);
    const [row] = await ctx.db.select().from(orders).where(eq(orders.id, order.id));
    expect(row?.status).toBe('paid');
    expect((await auditsOf(conference.id)).map((a) => a.action)).toEqual(['payment.manual']);
  });

  it('a credit grant whose audit row fails grants nothing', async () => {
    const conference = await makeConference(ctx.db);
    const user = await makeUser(ctx.db);
    await refuseAudits();
    const refused = await manage(conference.slug, 'credits', { email: user.email, amount: 700 });
    expect(refused.statusCode).toBe(500);
    expect(await ctx.db.select().from(credits).where(eq(credits.userId, user.id))).toEqual([]);
  });

  it('new Stripe keys whose audit row fails are not stored', async () => {
    const conference = await makeConference(ctx.db);
    await refuseAudits();
    const refused = await manage(conference.slug, 'stripe', {
      secretKey: 'sk_test_auditAtomic1234',
      publishableKey: 'pk_test_auditAtomic1234',
      webhookSecret: 'whsec_auditAtomic1234',
    });
    expect(refused.statusCode).toBe(500);
    const [row] = await ctx.db
      .select({ key: conferences.stripeSecretKeyEnc })
      .from(conferences)
      .where(eq(conferences.id, conference.id));
    expect(row?.key ?? null).toBeNull();
  });

  describe('without the route', () => {
    it('the service audits whoever acts: the operator at the command line is recorded too', async () => {
      const conference = await makeConference(ctx.db);
      const user = await makeUser(ctx.db);
      const credit = await grantCredit(ctx.db, {
        conference,
        email: user.email,
        amount: 900,
        note: 'speaker fee',
        actor: { kind: 'operator' },
        now: new Date(),
      });
      const [entry] = await ctx.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, credit.id), eq(auditLog.action, 'credit.grant')));
      expect(entry).toMatchObject({
        conferenceId: conference.id,
        entityType: 'credit',
        actorUserId: null,
        details: { email: user.email, amount: 900, via: 'command line' },
      });
      const [granted] = await ctx.db.select().from(credits).where(eq(credits.id, credit.id));
      expect(granted?.createdBy).toBeNull();
    });
  });
});
