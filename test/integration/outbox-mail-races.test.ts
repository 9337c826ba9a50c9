import { tmpdir } from 'node:os';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { outbox } from '../../src/db/schema/index.ts';
import { withTx } from '../../src/db/transactions.ts';
import { createMailer } from '../../src/integrations/mail/index.ts';
import { drainOutbox, type OutboxDeps } from '../../src/jobs/outbox-worker.ts';
import { markOrderPaid } from '../../src/services/orders/index.ts';
import { makeBuyers } from '../support/buyers.ts';
import { describePostgresOnly } from '../support/db.ts';
import { startFakeSmtp, type FakeSmtp } from '../fakes/smtp/index.ts';
import { makeConference, makeRawOrder, makeTicketType } from '../factories/index.ts';

const NOW = new Date('2026-12-01T12:00:00Z');
const FROM = 'Lanyard <no-reply@lanyard.test>';

describePostgresOnly('outbox workers in parallel', (ctx) => {
  let smtp: FakeSmtp;
  beforeAll(async () => {
    smtp = await startFakeSmtp();
  });
  afterAll(() => smtp.stop());

  it('CONC two workers on separate connections send each email exactly once', async () => {
    const count = 40;
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference, { price: 10_000 });
    const buyers = await makeBuyers(ctx.db, count);
    for (const buyer of buyers) {
      const order = await makeRawOrder(ctx.db, {
        conference,
        user: buyer,
        status: 'pending',
        lines: [{ ticketType: ticket, quantity: 1 }],
      });
      await withTx(ctx.db, (tx) => markOrderPaid(tx, order.id, NOW));
    }
    const second = await openDatabase({ url: ctx.url, poolSize: 5 });
    const mailers = [0, 1].map(() =>
      createMailer({ smtpUrl: smtp.url, from: FROM, dataDir: tmpdir() }),
    );
    const workerDeps = mailers.map((mailer): OutboxDeps => ({
      mailer,
      links: { publicUrl: 'https://tickets.example.org' },
      batchSize: 4,
    }));
    try {
      const started = performance.now();
      const [a, b] = await Promise.all([
        drainOutbox(ctx.db, workerDeps[0] as OutboxDeps, NOW),
        drainOutbox(second.db, workerDeps[1] as OutboxDeps, NOW),
      ]);
      const elapsed = performance.now() - started;
      console.log(
        `outbox: ${2 * count} jobs (${count} emails) by two workers in ${elapsed.toFixed(0)} ms; ` +
          `worker A claimed ${a.claimed}, worker B ${b.claimed}`,
      );
      // Both really worked at once, and together they claimed every job exactly once.
      expect(a.claimed).toBeGreaterThan(0);
      expect(b.claimed).toBeGreaterThan(0);
      expect(a.claimed + b.claimed).toBe(2 * count);
      expect(smtp.messages).toHaveLength(count);
      for (const buyer of buyers)
        expect(smtp.messages.filter((m) => m.envelopeTo.includes(buyer.email))).toHaveLength(1);
      const [left] = await ctx.db
        .select({ n: sql<number>`count(*)::int` })
        .from(outbox)
        .where(sql`${outbox.status} <> 'done'`);
      expect(left?.n).toBe(0);
    } finally {
      for (const m of mailers) m.close();
      await second.close();
    }
  });
});

describe('fake SMTP stand-in', () => {
  it('refuses exactly as many messages as asked, then accepts again', async () => {
    const smtp = await startFakeSmtp();
    const mailer = createMailer({ smtpUrl: smtp.url, from: FROM, dataDir: tmpdir() });
    try {
      smtp.failNext(1, 550);
      const message = {
        to: 'x@example.org',
        subject: 's',
        text: 't',
        html: '<p>h</p>',
        kind: 'test',
      };
      await expect(mailer.send(message)).rejects.toMatchObject({
        name: 'MailDeliveryError',
        permanent: true,
        responseCode: 550,
      });
      await expect(mailer.send(message)).resolves.toMatchObject({ messageId: expect.any(String) });
      expect(smtp.refused).toBe(1);
      expect(smtp.messages).toHaveLength(1);
    } finally {
      mailer.close();
      await smtp.stop();
    }
  });
});
