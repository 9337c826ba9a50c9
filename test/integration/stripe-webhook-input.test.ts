import { count, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Conference } from '../../src/db/schema/index.ts';
import { eventProcessingExceptions, stripeEvents } from '../../src/db/schema/index.ts';
import { makeConference } from '../factories/index.ts';
import {
  startFakeStripe,
  type FakeStripeAccount,
  type RunningFakeStripe,
} from '../fakes/stripe/index.ts';
import { buildTestApp } from '../support/app.ts';
import { describeEachBackend } from '../support/db.ts';
import { connectStripe, listen } from '../support/money.ts';

// D4.7 / HOOK-2: whatever arrives at the webhook, a bad signature is 400 and a signed body that
// is not a usable event is 400 with its own code; neither is stored, and neither is ever a 500.

describeEachBackend(
  'D4.7 the Stripe webhook refuses bad signatures and signed non-events',
  (ctx) => {
    let app: FastifyInstance;
    let fake: RunningFakeStripe;
    let conference: Conference;
    let account: FakeStripeAccount;

    beforeAll(async () => {
      fake = await startFakeStripe();
      app = await buildTestApp(ctx, { stripeApiUrl: fake.url });
      conference = await makeConference(ctx.db);
      account = await connectStripe(ctx.db, fake, conference, await listen(app));
    });
    afterAll(async () => {
      await app.close();
      await fake.stop();
    });

    const post = (body: string, signature?: string) =>
      app.inject({
        method: 'POST',
        url: `/webhooks/stripe/${conference.slug}`,
        headers: {
          'content-type': 'application/json',
          ...(signature === undefined ? {} : { 'stripe-signature': signature }),
        },
        payload: body,
      });

    const stored = async () => {
      const [events] = await ctx.db
        .select({ n: count() })
        .from(stripeEvents)
        .where(eq(stripeEvents.conferenceId, conference.id));
      const [failures] = await ctx.db
        .select({ n: count() })
        .from(eventProcessingExceptions)
        .where(eq(eventProcessingExceptions.conferenceId, conference.id));
      return { events: events?.n, failures: failures?.n };
    };

    const event = JSON.stringify({
      id: 'evt_input_1',
      object: 'event',
      type: 'customer.created',
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      api_version: null,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      data: { object: { id: 'cus_1', object: 'customer' } },
    });
    const now = () => Math.floor(Date.now() / 1000);

    it('every malformed or wrong Stripe-Signature header is 400 WEBHOOK_SIGNATURE_INVALID', async () => {
      const valid = account.signatureFor(event);
      const headers: Array<[string, string | undefined]> = [
        ['absent', undefined],
        ['empty', ''],
        ['t= only', 't='],
        ['v1= only', 'v1='],
        ['empty v1 with a timestamp', `t=${now()},v1=`],
        ['empty v1 next to a valid one', `t=${now()},v1=,v1=`],
        ['garbage', 'garbage'],
        ['separators only', ',,=,='],
        ['non-numeric t', `t=abc,${valid.split(',')[1] ?? ''}`],
        ['unknown scheme', `t=${now()},v0=abc`],
        ['huge', `t=${now()},v1=${'a'.repeat(1_990)}`],
        ['over the size limit', `t=${now()},v1=${'a'.repeat(6_000)}`],
        ['wrong secret', account.signatureFor(event, 'wrong-secret')],
        ['expired', account.signatureFor(event, 'expired')],
        ['signed for another body', account.signatureFor(`${event} `)],
      ];
      for (const [name, header] of headers) {
        const response = await post(event, header);
        expect([name, response.statusCode, response.json()]).toEqual([
          name,
          400,
          { error: expect.objectContaining({ code: 'WEBHOOK_SIGNATURE_INVALID' }) },
        ]);
      }
      expect(await stored()).toEqual({ events: 0, failures: 0 });
    });

    it('a correctly signed body that is not a usable event is 400 WEBHOOK_EVENT_INVALID', async () => {
      const bodies = [
        '{}',
        '[]',
        'null',
        '42',
        '"evt_1"',
        'not json',
        JSON.stringify({ id: 'evt_x' }),
        JSON.stringify({ type: 'charge.refunded' }),
        JSON.stringify({ id: 7, type: 'charge.refunded', created: now(), data: { object: {} } }),
        JSON.stringify({ id: 'evt_x', type: '', created: now(), data: { object: {} } }),
        JSON.stringify({
          id: 'evt_x',
          type: 'charge.refunded',
          created: 'today',
          data: { object: {} },
        }),
        JSON.stringify({ id: 'evt_x', type: 'charge.refunded', created: now() }),
        JSON.stringify({
          id: 'evt_x',
          type: 'charge.refunded',
          created: now(),
          data: { object: null },
        }),
        JSON.stringify({
          id: 'evt_x',
          type: 'charge.refunded',
          created: now(),
          data: { object: [] },
        }),
      ];
      for (const body of bodies) {
        const response = await post(body, account.signatureFor(body));
        expect([body, response.statusCode, response.json()]).toEqual([
          body,
          400,
          { error: expect.objectContaining({ code: 'WEBHOOK_EVENT_INVALID' }) },
        ]);
      }
      expect(await stored()).toEqual({ events: 0, failures: 0 });
      // The control: the same endpoint takes a real event.
      const accepted = await post(event, account.signatureFor(event));
      expect(accepted.statusCode, accepted.body).toBe(200);
      expect(await stored()).toEqual({ events: 1, failures: 0 });
    });
  },
);
