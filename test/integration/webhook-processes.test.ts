import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSecretBox } from '../../src/config/secret-box.ts';
import { outbox, payments, stripeEvents } from '../../src/db/schema/index.ts';
import { setStripeCredentials } from '../../src/services/payments/index.ts';
import { makeConference, makeTicketType } from '../factories/index.ts';
import { startFakeStripe, type RunningFakeStripe } from '../fakes/stripe/index.ts';
import { makeBuyer } from '../support/buyers.ts';
import { describePostgresOnly } from '../support/db.ts';
import { expectNoMoneyDrift } from '../support/money.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const SECRET_HEX = 'b'.repeat(64);

describePostgresOnly('money moves once across two app processes', (ctx) => {
  let fake: RunningFakeStripe;
  let servers: ServerProcess[] = [];

  beforeAll(async () => {
    fake = await startFakeStripe();
    const env = {
      LANYARD_SECRET_KEY: SECRET_HEX,
      STRIPE_API_URL: fake.url,
      STRIPE_TEST_MODE: 'false',
    };
    servers = await Promise.all([
      startServerProcess({ databaseUrl: ctx.url ?? '', env }),
      startServerProcess({ databaseUrl: ctx.url ?? '', env }),
    ]);
  });
  afterAll(async () => {
    await expectNoMoneyDrift(ctx.db);
    await Promise.all(servers.map((s) => s.stop()));
    await fake.stop();
  });

  it('D4.2/D4.7 payment starts on both processes make one intent; an event sent to both, five times each, pays once', async () => {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference, { price: 4_200 });
    const account = fake.createAccount({ holdDeliveries: true });
    for (const server of servers)
      account.addWebhookEndpoint(`${server.url}/webhooks/stripe/${conference.slug}`);
    await setStripeCredentials(
      ctx.db,
      createSecretBox(Buffer.from(SECRET_HEX, 'hex')),
      conference.id,
      {
        secretKey: account.secretKey,
        publishableKey: account.publishableKey,
        webhookSecret: account.webhookSecret,
      },
      new Date(),
      { actor: { kind: 'operator' } },
    );
    const buyer = await makeBuyer(ctx.db);
    const call = async (server: ServerProcess, path: string, body?: object) => {
      const response = await fetch(`${server.url}/api/v1/conferences/${conference.slug}${path}`, {
        method: 'POST',
        headers: { cookie: buyer.cookie, 'content-type': 'application/json' },
        body: JSON.stringify(body ?? {}),
      });
      return { status: response.status, json: (await response.json()) as Record<string, string> };
    };
    const [a, b] = servers as [ServerProcess, ServerProcess];
    expect((await call(a, '/cart/items', { ticketTypeId: ticket.id, quantity: 1 })).status).toBe(
      200,
    );
    const placed = await call(b, '/checkout', {
      billingName: 'Ada',
      billingEmail: 'ada@example.org',
    });
    expect(placed.status).toBe(201);
    const reference = placed.json['reference'];
    const starts = await Promise.all(
      [a, b, a, b].map((server) => call(server, `/orders/${reference}/payments/card`)),
    );
    expect(starts.map((s) => s.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(starts.map((s) => s.json['paymentIntentId'])).size).toBe(1);
    expect(account.paymentIntents()).toHaveLength(1);

    const intentId = starts[0]?.json['paymentIntentId'] ?? '';
    account.succeedPaymentIntent(intentId);
    const attempts = await account.deliver({
      duplicates: 4,
      concurrently: true,
      only: (e) => e.type === 'payment_intent.succeeded',
    });
    // Each of the two endpoints got the event five times, all at once.
    expect(attempts).toHaveLength(10);
    expect(attempts.every((attempt) => attempt.status === 200)).toBe(true);
    const [stored] = await ctx.db
      .select()
      .from(stripeEvents)
      .where(eq(stripeEvents.type, 'payment_intent.succeeded'));
    expect(stored?.attempts).toBe(1);
    const rows = await ctx.db
      .select()
      .from(payments)
      .where(eq(payments.stripePaymentIntentId, intentId));
    expect(rows.map((p) => p.status)).toEqual(['succeeded']);
    const orderId = rows[0]?.orderId ?? '';
    expect(
      await ctx.db
        .select()
        .from(outbox)
        .where(eq(outbox.dedupeKey, `email.order_confirmation:${orderId}`)),
    ).toHaveLength(1);
  });
});
