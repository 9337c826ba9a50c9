import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import {
  attendees,
  orderLines,
  outbox,
  payments,
  refundLines,
  refunds,
  type Conference,
  type Order,
  type OutboxJob,
} from '../../src/db/schema/index.ts';
import { withTx } from '../../src/db/transactions.ts';
import { createMailer, type MailerHandle } from '../../src/integrations/mail/index.ts';
import { drainOutbox, type OutboxDeps } from '../../src/jobs/outbox-worker.ts';
import { markOrderPaid } from '../../src/services/orders/index.ts';
import { buildTestApp } from '../support/app.ts';
import { buyerClient, makeBuyer, type Buyer } from '../support/buyers.ts';
import { describeEachBackend } from '../support/db.ts';
import { startFakeSmtp, type FakeSmtp } from '../fakes/smtp/index.ts';
import { makeAddon, makeConference, makeRawOrder, makeTicketType } from '../factories/index.ts';
import { makeSpeakerCompTicket } from '../factories/sales.ts';

const NOW = new Date('2026-12-01T12:00:00Z');
const at = (ms: number) => new Date(NOW.getTime() + ms);
const LINKS = { publicUrl: 'https://tickets.example.org' };
const FROM = 'Lanyard <no-reply@lanyard.test>';

interface PaidOrder {
  conference: Conference;
  buyer: Buyer;
  order: Order;
}

/** A pending order with two lines, paid by card through the one place orders become paid (D4.4). */
async function payForOrder(db: Database, buyer?: Buyer): Promise<PaidOrder> {
  const conference = await makeConference(db, { name: 'Lanyard & <Friends> Conf' });
  const ticket = await makeTicketType(db, conference, { name: 'Individual', price: 40_000 });
  const shirt = await makeAddon(db, conference, { name: 'T-shirt', price: 2_000 });
  const owner = buyer ?? (await makeBuyer(db));
  const order = await makeRawOrder(db, {
    conference,
    user: owner,
    status: 'pending',
    lines: [
      { ticketType: ticket, quantity: 2 },
      { addon: shirt, quantity: 1 },
    ],
  });
  await withTx(db, async (tx) => {
    await tx.insert(payments).values({
      orderId: order.id,
      conferenceId: conference.id,
      method: 'stripe',
      status: 'succeeded',
      amount: order.total,
      currency: order.currency,
    });
    const paid = await markOrderPaid(tx, order.id, NOW);
    expect(paid.transitioned).toBe(true);
  });
  return { conference, buyer: owner, order };
}

async function jobsFor(db: Database, key: string, value: string): Promise<OutboxJob[]> {
  return db
    .select()
    .from(outbox)
    .where(sql`${outbox.payload}->>${key} = ${value}`)
    .orderBy(outbox.kind);
}

async function confirmationJob(db: Database, orderId: string): Promise<OutboxJob> {
  const jobs = await jobsFor(db, 'orderId', orderId);
  const job = jobs.find((j) => j.kind === 'email.order_confirmation');
  if (!job) throw new Error('no confirmation job');
  return job;
}

async function insertJob(db: Database, kind: string, payload: object): Promise<OutboxJob> {
  const [job] = await db.insert(outbox).values({ kind, payload, runAfter: NOW }).returning();
  if (!job) throw new Error('job not inserted');
  return job;
}

async function jobById(db: Database, id: string): Promise<OutboxJob | undefined> {
  const [job] = await db.select().from(outbox).where(eq(outbox.id, id));
  return job;
}

describeEachBackend('outbox delivers the emails of the money path', (ctx) => {
  let smtp: FakeSmtp;
  let mailer: MailerHandle;
  let deps: OutboxDeps;
  const mailsTo = (email: string) => smtp.messages.filter((m) => m.envelopeTo.includes(email));

  beforeAll(async () => {
    smtp = await startFakeSmtp();
    mailer = createMailer({ smtpUrl: smtp.url, from: FROM, dataDir: tmpdir() });
    deps = { mailer, links: LINKS };
  });
  afterAll(async () => {
    mailer.close();
    await smtp.stop();
  });

  it('MAIL-2 a paid order sends exactly one confirmation over SMTP, with totals, access code and QR', async () => {
    const { buyer, order, conference } = await payForOrder(ctx.db);
    const counts = await drainOutbox(ctx.db, deps, NOW);
    expect(counts).toMatchObject({ retried: 0, failed: 0 });
    expect(counts.done).toBeGreaterThanOrEqual(2);

    const [mail, ...others] = mailsTo(buyer.email);
    expect(others).toEqual([]);
    if (!mail) throw new Error('no confirmation received');
    const [attendee] = await ctx.db
      .select({ code: attendees.accessCode })
      .from(attendees)
      .where(eq(attendees.userId, buyer.id));
    const code = attendee?.code ?? 'missing';
    expect(mail.kind).toBe('order_confirmation');
    expect(mail.envelopeFrom).toBe('no-reply@lanyard.test');
    expect(mail.subject).toBe(`Your order ${order.reference} for Lanyard & <Friends> Conf`);
    for (const shown of [order.reference, '$800.00', '$20.00', '$820.00', code])
      expect(mail.text).toContain(shown);
    expect(mail.text).toContain('Card: $820.00');
    expect(mail.html).toContain('Lanyard &amp; &lt;Friends&gt; Conf');
    expect(mail.html).toContain(
      `https://tickets.example.org/conferences/${conference.slug}/orders/${order.reference}`,
    );

    const [qr, ...moreAttachments] = mail.attachments;
    expect(moreAttachments).toEqual([]);
    expect(qr).toMatchObject({ contentType: 'image/png', inline: true });
    expect(qr?.content.subarray(0, 4)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    expect(mail.html).toContain(`src="cid:${qr?.cid}"`);

    const jobs = await jobsFor(ctx.db, 'orderId', order.id);
    expect(jobs.map((j) => [j.kind, j.status, j.attempts])).toEqual([
      ['email.order_confirmation', 'done', 1],
      ['order.paid', 'done', 1],
    ]);
    expect(jobs[0]?.finishedAt).toEqual(NOW);
    // The job id is the message's idempotency key: a resend after a crash carries the same Message-ID.
    expect(mail.messageId).toBe(`<${jobs[0]?.id}@lanyard.test>`);
  });

  it('D4.4 the dedupe key queues one confirmation even if the order is marked paid again', async () => {
    const { buyer, order } = await payForOrder(ctx.db);
    const again = await withTx(ctx.db, (tx) => markOrderPaid(tx, order.id, NOW));
    expect(again.transitioned).toBe(false);
    // Even a second real transition (pending again, e.g. by a staff correction) finds the key taken.
    await ctx.db.execute(sql`UPDATE orders SET status = 'pending' WHERE id = ${order.id}`);
    const third = await withTx(ctx.db, (tx) => markOrderPaid(tx, order.id, NOW));
    expect(third.transitioned).toBe(true);
    const jobs = await jobsFor(ctx.db, 'orderId', order.id);
    expect(jobs.map((j) => j.kind)).toEqual(['email.order_confirmation', 'order.paid']);
    await drainOutbox(ctx.db, deps, NOW);
    expect(mailsTo(buyer.email)).toHaveLength(1);
  });

  it('D4.5 a zero-total checkout confirms at once and the email shows the comp payment', async () => {
    const app = await buildTestApp(ctx, { now: () => NOW });
    try {
      const conference = await makeConference(ctx.db);
      const speaker = await makeSpeakerCompTicket(ctx.db, conference);
      const buyer = await makeBuyer(ctx.db);
      const client = buyerClient(app, conference.slug, buyer);
      await client.applyVoucher('speaker');
      await client.addTicket(speaker.id);
      const placed = await client.checkout({ expectedTotal: 0 });
      expect(placed.statusCode, placed.body).toBe(201);
      const order = placed.json();
      await drainOutbox(ctx.db, deps, NOW);
      const [mail, ...others] = mailsTo(buyer.email);
      expect(others).toEqual([]);
      expect(mail?.text).toContain(order.reference);
      expect(mail?.text).toContain(`Your access code: ${order.accessCode}`);
      expect(mail?.text).toContain('Complimentary: $0.00');
      expect(mail?.text).toContain('Voucher SPEAKER: −$300.00');
      expect(mail?.attachments.map((a) => a.contentType)).toEqual(['image/png']);
    } finally {
      await app.close();
    }
  });

  it.each([451, 550])(
    'an SMTP refusal (%i) puts the job back with a backoff; a later drain delivers it',
    async (responseCode) => {
      const { buyer, order } = await payForOrder(ctx.db);
      smtp.failNext(1, responseCode);
      const first = await drainOutbox(ctx.db, deps, NOW);
      expect(first.retried).toBe(1);
      const waiting = await confirmationJob(ctx.db, order.id);
      expect(waiting).toMatchObject({ status: 'pending', attempts: 1, lockedUntil: null });
      expect(waiting.runAfter.getTime()).toBeGreaterThan(NOW.getTime());
      expect(waiting.lastError).toContain(String(responseCode));
      expect(waiting.lastError).not.toContain('    at ');
      expect(mailsTo(buyer.email)).toEqual([]);

      expect((await drainOutbox(ctx.db, deps, NOW)).claimed).toBe(0);
      await drainOutbox(ctx.db, deps, waiting.runAfter);
      expect(await confirmationJob(ctx.db, order.id)).toMatchObject({
        status: 'done',
        attempts: 2,
        finishedAt: waiting.runAfter,
      });
      expect(mailsTo(buyer.email)).toHaveLength(1);
    },
  );

  it('a job that keeps failing becomes failed once its attempts are used up', async () => {
    const { buyer, order } = await payForOrder(ctx.db);
    const job = await confirmationJob(ctx.db, order.id);
    await ctx.db.update(outbox).set({ maxAttempts: 2 }).where(eq(outbox.id, job.id));
    smtp.failNext(2, 451);
    await drainOutbox(ctx.db, deps, NOW);
    expect(await jobById(ctx.db, job.id)).toMatchObject({ status: 'pending', attempts: 1 });
    const late = at(3_600_000);
    expect(await drainOutbox(ctx.db, deps, late)).toMatchObject({ claimed: 1, failed: 1 });
    const failed = await jobById(ctx.db, job.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 2, finishedAt: late });
    expect(failed?.lastError).toContain('451');
    expect(mailsTo(buyer.email)).toEqual([]);
    expect(await drainOutbox(ctx.db, deps, at(86_400_000))).toMatchObject({ claimed: 0 });
  });

  it('an unknown kind, a malformed payload or a missing order fail at once with a clear error', async () => {
    const unknown = await insertJob(ctx.db, 'email.sonnet', { orderId: crypto.randomUUID() });
    const malformed = await insertJob(ctx.db, 'email.order_confirmation', { orderId: 'nope' });
    const missing = await insertJob(ctx.db, 'email.order_confirmation', {
      orderId: crypto.randomUUID(),
    });
    const counts = await drainOutbox(ctx.db, deps, NOW);
    expect(counts).toMatchObject({ claimed: 3, failed: 3 });
    const unknownJob = await jobById(ctx.db, unknown.id);
    expect(unknownJob).toMatchObject({ status: 'failed', attempts: 1, finishedAt: NOW });
    expect(unknownJob?.lastError).toBe(
      'unknown outbox kind "email.sonnet": no handler delivers it',
    );
    expect((await jobById(ctx.db, malformed.id))?.lastError).toMatch(
      /^invalid payload for email.order_confirmation: .*orderId/,
    );
    expect((await jobById(ctx.db, missing.id))?.lastError).toBe(
      'EMAIL_ORDER_NOT_FOUND: The order this email is about no longer exists.',
    );
  });

  it('a job left running by a crashed worker is taken over once its lock has expired', async () => {
    const { buyer, order } = await payForOrder(ctx.db);
    const job = await confirmationJob(ctx.db, order.id);
    await ctx.db
      .update(outbox)
      .set({ status: 'running', attempts: 1, lockedUntil: at(60_000) })
      .where(eq(outbox.id, job.id));
    await drainOutbox(ctx.db, deps, NOW);
    expect(await jobById(ctx.db, job.id)).toMatchObject({ status: 'running', attempts: 1 });
    expect(mailsTo(buyer.email)).toEqual([]);
    await drainOutbox(ctx.db, deps, at(60_000));
    expect(await jobById(ctx.db, job.id)).toMatchObject({ status: 'done', attempts: 2 });
    expect(mailsTo(buyer.email)).toHaveLength(1);

    // A job that took down every worker that tried it stops being retried.
    const poison = await insertJob(ctx.db, 'order.paid', { orderId: order.id });
    await ctx.db
      .update(outbox)
      .set({ status: 'running', attempts: 8, maxAttempts: 8, lockedUntil: NOW })
      .where(eq(outbox.id, poison.id));
    await drainOutbox(ctx.db, deps, at(60_000));
    expect(await jobById(ctx.db, poison.id)).toMatchObject({
      status: 'failed',
      attempts: 9,
      lastError: 'gave up after 8 attempts',
    });
  });

  it('REF-1 the refund notice says amount, destination, cancelled lines and the order status', async () => {
    const { buyer, order, conference } = await payForOrder(ctx.db);
    await drainOutbox(ctx.db, deps, NOW);
    const [ticketLine] = await ctx.db
      .select()
      .from(orderLines)
      .where(and(eq(orderLines.orderId, order.id), eq(orderLines.productKind, 'ticket')));
    if (!ticketLine) throw new Error('no ticket line');
    const refund = await withTx(ctx.db, async (tx) => {
      const [row] = await tx
        .insert(refunds)
        .values({
          orderId: order.id,
          conferenceId: conference.id,
          amount: 40_000,
          destination: 'credit',
          status: 'succeeded',
          reason: 'Cannot travel <sadly>',
          idempotencyKey: 'refund-1',
        })
        .returning();
      if (!row) throw new Error('no refund');
      await tx.insert(refundLines).values({
        refundId: row.id,
        orderLineId: ticketLine.id,
        conferenceId: conference.id,
        quantity: 1,
      });
      await tx.execute(sql`UPDATE orders SET status = 'partially_refunded' WHERE id = ${order.id}`);
      await tx.insert(outbox).values({
        conferenceId: conference.id,
        kind: 'email.refund_notice',
        dedupeKey: `email.refund_notice:${row.id}`,
        payload: { refundId: row.id },
        runAfter: NOW,
      });
      return row;
    });
    await drainOutbox(ctx.db, deps, NOW);
    const notice = mailsTo(buyer.email).find((m) => m.kind === 'refund_notice');
    expect(notice?.subject).toBe(`Refund processed for order ${order.reference}`);
    expect(notice?.text).toContain('$400.00');
    expect(notice?.text).toContain('store credit');
    expect(notice?.text).toContain('1 × Individual');
    expect(notice?.text).toContain('Partially refunded');
    expect(notice?.html).toContain('Cannot travel &lt;sadly&gt;');
    expect((await jobsFor(ctx.db, 'refundId', refund.id))[0]?.status).toBe('done');
  });

  it('HOOK-11 a failed payment is reported with a retry link; once paid, the stale news is dropped', async () => {
    const conference = await makeConference(ctx.db, { currency: 'JPY' });
    const ticket = await makeTicketType(ctx.db, conference, { price: 5_000 });
    const buyer = await makeBuyer(ctx.db);
    const order = await makeRawOrder(ctx.db, {
      conference,
      user: buyer,
      status: 'pending',
      lines: [{ ticketType: ticket, quantity: 1 }],
    });
    const message = 'Your card was declined.';
    const failedJob = await insertJob(ctx.db, 'email.payment_failed', {
      orderId: order.id,
      message,
    });
    await drainOutbox(ctx.db, deps, NOW);
    const [mail] = mailsTo(buyer.email);
    expect(mail?.subject).toBe(`Payment for order ${order.reference} did not go through`);
    expect(mail?.text).toContain('¥5,000');
    expect(mail?.text).toContain(message);
    expect(mail?.html).toContain(
      `href="https://tickets.example.org/conferences/${conference.slug}/orders/${order.reference}"`,
    );
    expect((await jobById(ctx.db, failedJob.id))?.status).toBe('done');

    await withTx(ctx.db, (tx) => markOrderPaid(tx, order.id, NOW));
    const stale = await insertJob(ctx.db, 'email.payment_failed', { orderId: order.id, message });
    await drainOutbox(ctx.db, deps, NOW);
    expect((await jobById(ctx.db, stale.id))?.status).toBe('done');
    expect(mailsTo(buyer.email).map((m) => m.kind)).toEqual([
      'payment_failed',
      'order_confirmation',
    ]);
  });

  it('development: without SMTP_URL each message is an .eml file under DATA_DIR/mail, logged once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lanyard-mail-'));
    const logged: string[] = [];
    const fileMailer = createMailer({
      from: FROM,
      dataDir,
      now: () => NOW,
      log: (line) => logged.push(line),
    });
    const { order } = await payForOrder(ctx.db);
    await drainOutbox(ctx.db, { mailer: fileMailer, links: LINKS }, NOW);
    const files = readdirSync(join(dataDir, 'mail'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^20261201T120000Z-order_confirmation-[0-9a-f]{8}\.eml$/);
    const path = join(dataDir, 'mail', files[0] ?? '');
    expect(logged).toEqual([expect.stringContaining(path)]);
    const parsed = await simpleParser(readFileSync(path));
    expect(parsed.subject).toContain(order.reference);
    expect(parsed.attachments.map((a) => a.contentType)).toEqual(['image/png']);
  });
});
