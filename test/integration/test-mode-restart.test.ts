import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { STAND_IN_FILE, startTestModeStandIn } from '../../src/cli/test-mode-stand-in.ts';
import type { Conference, TicketType } from '../../src/db/schema/index.ts';
import {
  configuredStripeGateways,
  testModeStripeGateways,
} from '../../src/integrations/stripe/index.ts';
import { makeConference, makeTicketType } from '../factories/index.ts';
import { staffCookie } from '../factories/staff.ts';
import { buildTestApp, TEST_SECRET_BOX } from '../support/app.ts';
import { buyerClient, makeBuyer } from '../support/buyers.ts';
import { describeEachBackend } from '../support/db.ts';
import { listen } from '../support/money.ts';

// D4.11: TEST MODE's Stripe stand-in keeps its state across restarts (under DATA_DIR), so an
// order paid before a restart can be refunded to its card after it, instead of 201 `failed`.

describeEachBackend('D4.11 TEST MODE keeps its Stripe stand-in across restarts', (ctx) => {
  let dataDir: string;
  let conference: Conference;
  let ticket: TicketType;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'lanyard-test-mode-restart-'));
    conference = await makeConference(ctx.db); // no Stripe keys of its own: TEST MODE
    ticket = await makeTicketType(ctx.db, conference, { price: 8_000 });
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  /** One "process": the stand-in restored from the data directory, and the app over the database. */
  async function start() {
    const stripe = await startTestModeStandIn(dataDir);
    let url = '';
    const accounts = testModeStripeGateways(
      configuredStripeGateways(TEST_SECRET_BOX, null),
      stripe.standIn,
      () => url,
    );
    const app: FastifyInstance = await buildTestApp(ctx, { stripe: accounts });
    url = await listen(app);
    return {
      app,
      standIn: stripe.standIn,
      stop: async () => {
        await stripe.idle();
        await app.close();
        await stripe.close();
      },
    };
  }

  /** What the storefront's test card form and browser return do. */
  async function payByTestCard(running: Awaited<ReturnType<typeof start>>) {
    const client = buyerClient(running.app, conference.slug, await makeBuyer(ctx.db));
    expect((await client.addTicket(ticket.id)).statusCode).toBe(200);
    const order = (await client.checkout()).json<{ reference: string }>();
    const started = (await client.startCard(order.reference)).json<{
      paymentIntentId: string;
      clientSecret: string;
      publishableKey: string;
      testMode: boolean;
    }>();
    expect(started.testMode).toBe(true);
    const confirmed = running.standIn.dispatch({
      method: 'POST',
      url: `/v1/payment_intents/${started.paymentIntentId}/confirm`,
      headers: {
        authorization: `Bearer ${started.publishableKey}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        payment_method: 'pm_card_visa',
        client_secret: started.clientSecret,
      }).toString(),
    });
    expect(confirmed.status, confirmed.body).toBe(200);
    const returned = await client.confirmCard(order.reference, started.paymentIntentId);
    expect(returned.json()).toEqual({ state: 'succeeded', message: '' });
    return order.reference;
  }

  async function refundToCard(app: FastifyInstance, reference: string, key: string) {
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/conferences/${conference.slug}/manage/orders/${reference}/refunds`,
      headers: { cookie: await staffCookie(app, ctx.db), 'idempotency-key': key },
      payload: { amount: 3_000, destination: 'card' },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<{ status: string }>().status;
  }

  it('an order paid before a restart is refunded to its card after it', async () => {
    const before = await start();
    const reference = await payByTestCard(before);
    await before.stop();
    expect(existsSync(join(dataDir, STAND_IN_FILE))).toBe(true);

    const after = await start();
    try {
      expect(await refundToCard(after.app, reference, 'refund-after-restart')).toBe('succeeded');
      // The same account, so a new payment after the restart works as before.
      await payByTestCard(after);
    } finally {
      await after.stop();
    }
  });

  it('control: without the saved stand-in (the old behaviour) the same refund fails', async () => {
    const before = await start();
    const reference = await payByTestCard(before);
    await before.stop();
    rmSync(join(dataDir, STAND_IN_FILE));
    const after = await start();
    try {
      expect(await refundToCard(after.app, reference, 'refund-after-loss')).toBe('failed');
    } finally {
      await after.stop();
    }
  });
});
