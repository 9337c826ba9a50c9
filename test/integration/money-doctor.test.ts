import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, sql, TransactionRollbackError } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { orderLines, payments, refunds } from '../../src/db/schema/index.ts';
import { findMoneyDrift } from '../../src/services/doctor/index.ts';
import { makeConference, makeRawOrder, makeTicketType, makeUser } from '../factories/index.ts';
import { staffCookie } from '../factories/staff.ts';
import { buildTestApp } from '../support/app.ts';
import { buyerClient, makeBuyer } from '../support/buyers.ts';
import { describeEachBackend } from '../support/db.ts';

describeEachBackend('lanyard doctor and staff money actions', (ctx) => {
  let app: FastifyInstance;
  let staff: string;
  beforeAll(async () => {
    app = await buildTestApp(ctx);
    staff = await staffCookie(app, ctx.db);
  });
  afterAll(() => app.close());

  it('the doctor reports drift it can see, and nothing for healthy orders', async () => {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference, { price: 5_000 });
    const user = await makeUser(ctx.db);
    // A paid order nobody paid for, and a pending one whose payment covers it.
    const unpaid = await makeRawOrder(ctx.db, {
      conference,
      user,
      status: 'paid',
      lines: [{ ticketType: ticket, quantity: 1 }],
    });
    const covered = await makeRawOrder(ctx.db, {
      conference,
      user,
      status: 'pending',
      holdExpiresAt: new Date(Date.now() + 600_000),
      lines: [{ ticketType: ticket, quantity: 1 }],
    });
    await ctx.db.insert(payments).values({
      orderId: covered.id,
      conferenceId: conference.id,
      method: 'manual',
      status: 'succeeded',
      amount: 5_000,
      currency: 'USD',
    });
    const findings = await findMoneyDrift(ctx.db, new Date(), conference.id);
    expect(findings.map((f) => [f.reference, f.kind])).toEqual([
      [unpaid.reference, 'paid_not_covered'],
      [covered.reference, 'pending_but_paid'],
    ]);
    await ctx.db.delete(payments).where(eq(payments.orderId, covered.id));
    await ctx.db.insert(payments).values({
      orderId: unpaid.id,
      conferenceId: conference.id,
      method: 'manual',
      status: 'succeeded',
      amount: 5_000,
      currency: 'USD',
    });
    expect(await findMoneyDrift(ctx.db, new Date(), conference.id)).toEqual([]);
  });

  it('D4.11 the doctor reports a card refund without its Stripe id, a Stripe refund recorded twice, and more refunded than paid', async () => {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference, { price: 5_000 });
    const order = await makeRawOrder(ctx.db, {
      conference,
      user: await makeUser(ctx.db),
      status: 'partially_refunded',
      lines: [{ ticketType: ticket, quantity: 1 }],
    });
    const [payment] = await ctx.db
      .insert(payments)
      .values({
        orderId: order.id,
        conferenceId: conference.id,
        method: 'stripe',
        status: 'succeeded',
        amount: 5_000,
        currency: conference.currency,
        stripePaymentIntentId: `pi_doctor_${order.id}`,
      })
      .returning();
    const cardRefund = (key: string, amount: number, stripeRefundId: string | null) => ({
      orderId: order.id,
      conferenceId: conference.id,
      amount,
      destination: 'card' as const,
      status: 'succeeded' as const,
      paymentId: payment?.id ?? null,
      stripeRefundId,
      idempotencyKey: key,
    });
    const stripeRefundId = `re_doctor_${order.id}`;
    await ctx.db.insert(refunds).values(cardRefund('first', 3_000, stripeRefundId));
    expect(await findMoneyDrift(ctx.db, new Date(), conference.id)).toEqual([]);
    // What the old charge.refunded handler left behind: money counted back with no refund id.
    await ctx.db.insert(refunds).values(cardRefund('charge-total', 1_000, null));
    const kinds = async (db: Database) =>
      (await findMoneyDrift(db, new Date(), conference.id)).map((f) => f.kind);
    expect(await kinds(ctx.db)).toEqual(['card_refund_without_stripe_id']);
    // The unique index makes a repeated Stripe refund id impossible; the doctor checks anyway,
    // so a database restored without the index, or an index dropped by hand, is caught.
    await ctx.db
      .transaction(async (tx) => {
        await tx.execute(sql`DROP INDEX refunds_stripe_refund_id_idx`);
        await tx.insert(refunds).values(cardRefund('again', 3_000, stripeRefundId));
        expect(await kinds(tx)).toEqual([
          'partial_refund_mismatch',
          'refunded_more_than_paid',
          'stripe_refund_recorded_twice',
          'card_refund_without_stripe_id',
        ]);
        tx.rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof TransactionRollbackError)) throw error;
      });
    expect(await kinds(ctx.db)).toEqual(['card_refund_without_stripe_id']);
    await ctx.db
      .delete(refunds)
      .where(and(eq(refunds.orderId, order.id), eq(refunds.idempotencyKey, 'charge-total')));
    expect(await kinds(ctx.db)).toEqual([]);
  });

  it('D2.1 the doctor reports a line whose copied order state went stale (only possible with the trigger off)', async () => {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference);
    const order = await makeRawOrder(ctx.db, {
      conference,
      user: await makeUser(ctx.db),
      status: 'pending',
      holdExpiresAt: new Date(Date.now() + 600_000),
      lines: [{ ticketType: ticket, quantity: 1 }],
    });
    expect(await findMoneyDrift(ctx.db, new Date(), conference.id)).toEqual([]);
    // The trigger puts a line's state back whatever an UPDATE says; only with it off can it drift.
    await ctx.db
      .update(orderLines)
      .set({ orderStatus: 'paid' })
      .where(eq(orderLines.orderId, order.id));
    expect(await findMoneyDrift(ctx.db, new Date(), conference.id)).toEqual([]);
    await ctx.db.execute(sql`ALTER TABLE order_lines DISABLE TRIGGER order_lines_take_order_state`);
    try {
      await ctx.db
        .update(orderLines)
        .set({ orderStatus: 'paid' })
        .where(eq(orderLines.orderId, order.id));
    } finally {
      await ctx.db.execute(
        sql`ALTER TABLE order_lines ENABLE TRIGGER order_lines_take_order_state`,
      );
    }
    const findings = await findMoneyDrift(ctx.db, new Date(), conference.id);
    expect(findings.map((f) => [f.reference, f.kind])).toEqual([
      [order.reference, 'line_state_stale'],
    ]);
  });

  it('PAY-5 staff comp waives the balance (with a reason) and pays the order', async () => {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference, { price: 7_000 });
    const client = buyerClient(app, conference.slug, await makeBuyer(ctx.db));
    await client.addTicket(ticket.id);
    const order = (await client.checkout()).json<{ reference: string; id: string }>();
    const url = `/api/v1/conferences/${conference.slug}/manage/orders/${order.reference}/payments`;
    const noReason = await app.inject({
      method: 'POST',
      url,
      headers: { cookie: staff },
      payload: { method: 'comp' },
    });
    expect(noReason.statusCode).toBe(400);
    const comp = await app.inject({
      method: 'POST',
      url,
      headers: { cookie: staff },
      payload: { method: 'comp', note: 'keynote speaker partner' },
    });
    expect(comp.json()).toEqual({ orderStatus: 'paid', outcome: 'paid' });
    const detail = (await client.order(order.reference)).json();
    expect(detail.payments).toEqual([expect.objectContaining({ method: 'comp', amount: 7_000 })]);
    expect(detail.accessCode).toMatch(/^[A-HJ-KM-NP-Z2-9]{8}$/);
    expect(await findMoneyDrift(ctx.db, new Date(), conference.id)).toEqual([]);
  });

  it('CRD staff grant store credit by email; an expiry in the past and an unknown email are refused', async () => {
    const conference = await makeConference(ctx.db);
    const buyer = await makeBuyer(ctx.db);
    const url = `/api/v1/conferences/${conference.slug}/manage/credits`;
    const grant = (payload: object) =>
      app.inject({ method: 'POST', url, headers: { cookie: staff }, payload });
    const granted = await grant({
      email: buyer.email.toUpperCase(),
      amount: 2_500,
      note: 'goodwill',
    });
    expect(granted.statusCode).toBe(201);
    expect(granted.json()).toMatchObject({ amount: 2_500, currency: 'USD', expiresAt: null });
    const credits = (await buyerClient(app, conference.slug, buyer).credits()).json().credits;
    expect(credits).toEqual([expect.objectContaining({ amount: 2_500, remaining: 2_500 })]);
    const past = await grant({
      email: buyer.email,
      amount: 100,
      expiresAt: '2020-01-01T00:00:00Z',
    });
    expect(past.statusCode).toBe(422);
    expect(past.json().error.code).toBe('CREDIT_EXPIRY_IN_PAST');
    const yearZero = await grant({
      email: buyer.email,
      amount: 100,
      expiresAt: '0000-01-01T00:00:00Z',
    });
    expect(yearZero.statusCode).toBe(400);
    const nobody = await grant({ email: 'nobody@example.org', amount: 100 });
    expect(nobody.statusCode).toBe(404);
    const asBuyer = await app.inject({
      method: 'POST',
      url,
      headers: { cookie: buyer.cookie },
      payload: { email: buyer.email, amount: 1 },
    });
    expect(asBuyer.statusCode).toBe(403);
  });

  it('CFG-2 Stripe keys are validated, stored encrypted, and shown only by their last four', async () => {
    const conference = await makeConference(ctx.db);
    const url = `/api/v1/conferences/${conference.slug}/manage/stripe`;
    const keys = {
      secretKey: 'sk_test_abcdef123456',
      publishableKey: 'pk_test_abcdef',
      webhookSecret: 'whsec_zyxw9876',
    };
    const saved = await app.inject({
      method: 'PUT',
      url,
      headers: { cookie: staff },
      payload: keys,
    });
    expect(saved.json()).toEqual({
      secretKey: '****3456',
      publishableKey: 'pk_test_abcdef',
      webhookSecret: '****9876',
    });
    const stored = await ctx.db.query.conferences.findFirst({
      where: (c, { eq: is }) => is(c.id, conference.id),
    });
    expect(stored?.stripeSecretKeyEnc).toBeTruthy();
    expect(stored?.stripeSecretKeyEnc).not.toContain('abcdef123456');
    const bad = await app.inject({
      method: 'PUT',
      url,
      headers: { cookie: staff },
      payload: { ...keys, secretKey: 'hunter2' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
  });
});

describe('lanyard doctor / stripe on the command line', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lanyard-doctor-'));
  const lanyard = (args: string[]) => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, NODE_ENV: 'development' },
      timeout: 120_000,
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  it(
    'exits 0 on healthy books, 1 with the finding on drift; replay and reconcile refuse clearly',
    { timeout: 240_000 },
    async () => {
      const clean = lanyard(['doctor']);
      expect(clean.code).toBe(0);
      expect(clean.stdout).toMatch(/No money drift/);

      const handle = await openDatabase({ dataDir: join(dataDir, 'pglite') });
      const conference = await makeConference(handle.db);
      const ticket = await makeTicketType(handle.db, conference, { price: 900 });
      const order = await makeRawOrder(handle.db, {
        conference,
        user: await makeUser(handle.db),
        status: 'paid',
        lines: [{ ticketType: ticket, quantity: 1 }],
      });
      await handle.close();
      const drift = lanyard(['doctor', '--conference', conference.slug]);
      expect(drift.code).toBe(1);
      expect(drift.stdout).toContain(`${order.reference} [paid] paid_not_covered`);

      const replay = lanyard(['stripe', 'replay', 'evt_missing']);
      expect(replay.code).toBe(1);
      expect(replay.stderr).toMatch(/No stored Stripe event/);
      expect(replay.stderr).not.toMatch(/\n\s+at /);
      const window = lanyard([
        'stripe',
        'reconcile',
        '--conference',
        conference.slug,
        '--since',
        'forever',
      ]);
      expect(window.code).toBe(1);
      expect(window.stderr).toMatch(/--since must look like/);
    },
  );
});
