import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect } from 'vitest';
import { orders } from '../../src/db/schema/index.ts';
import { makeConference, makeTicketType } from '../factories/index.ts';
import { staffCookie } from '../factories/staff.ts';
import {
  startFakeStripe,
  type FakeStripeAccount,
  type RunningFakeStripe,
} from '../fakes/stripe/index.ts';
import { buildTestApp } from './app.ts';
import { buyerClient, makeBuyer } from './buyers.ts';
import type { DbContext } from './db.ts';
import { connectStripe, expectNoMoneyDrift, listen } from './money.ts';

type Client = ReturnType<typeof buyerClient>;

/**
 * One app on a settable clock, listening, with the Stripe stand-in and a staff session, for the
 * refund and late-payment suites; the money doctor must find nothing when the suite ends.
 * Call inside a describe block: it registers the suite's beforeAll/afterAll.
 */
export function moneySuite(ctx: DbContext) {
  let app: FastifyInstance | undefined;
  let fake: RunningFakeStripe | undefined;
  let appUrl = '';
  let staff = '';
  const state = { clock: new Date() };

  beforeAll(async () => {
    fake = await startFakeStripe();
    app = await buildTestApp(ctx, { stripeApiUrl: fake.url, now: () => state.clock });
    appUrl = await listen(app);
    staff = await staffCookie(app, ctx.db);
  });
  afterAll(async () => {
    await expectNoMoneyDrift(ctx.db);
    await app?.close();
    await fake?.stop();
  });

  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the money suite has not started yet');
    return value;
  };

  async function setUp(options: { price?: number; seats?: number; holdDeliveries?: boolean } = {}) {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference, {
      price: options.price ?? 10_000,
      totalQuantity: options.seats ?? 0,
      limitPerUser: 10,
    });
    const account = await connectStripe(ctx.db, ready(fake), conference, appUrl, options);
    return { conference, ticket, account };
  }

  async function order(slug: string, ticketId: string, quantity = 1) {
    const buyer = await makeBuyer(ctx.db);
    const client = buyerClient(ready(app), slug, buyer);
    const added = await client.addTicket(ticketId, quantity);
    expect(added.statusCode, added.body).toBe(200);
    const placed = await client.checkout();
    expect(placed.statusCode).toBe(201);
    return {
      client,
      buyer,
      order: placed.json<{
        id: string;
        reference: string;
        total: number;
        lines: Array<{ id: string }>;
      }>(),
    };
  }

  async function payByCard(account: FakeStripeAccount, client: Client, reference: string) {
    const { paymentIntentId } = (await client.startCard(reference)).json<{
      paymentIntentId: string;
    }>();
    account.succeedPaymentIntent(paymentIntentId);
    await account.idle();
    return paymentIntentId;
  }

  const refund = (slug: string, reference: string, body: object, key: string, cookie = staff) =>
    ready(app).inject({
      method: 'POST',
      url: `/api/v1/conferences/${slug}/manage/orders/${reference}/refunds`,
      headers: { cookie, 'idempotency-key': key },
      payload: body,
    });

  const statusOf = async (reference: string) =>
    (
      await ctx.db
        .select({ status: orders.status })
        .from(orders)
        .where(eq(orders.reference, reference))
    )[0]?.status;

  return {
    get app() {
      return ready(app);
    },
    get fake() {
      return ready(fake);
    },
    get appUrl() {
      return appUrl;
    },
    get staff() {
      return staff;
    },
    get clock() {
      return state.clock;
    },
    set clock(at: Date) {
      state.clock = at;
    },
    setUp,
    order,
    payByCard,
    refund,
    statusOf,
  };
}
