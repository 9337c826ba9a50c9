import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { orders, users, vouchers } from '../../src/db/schema/index.ts';
import { makeConference, makeTicketType, unique } from '../factories/index.ts';
import { staffCookie } from '../factories/staff.ts';
import { buildTestApp } from '../support/app.ts';
import { buyerClient, makeBuyer, type Buyer } from '../support/buyers.ts';
import { describeEachBackend } from '../support/db.ts';

const NUL = '\u0000';
const STRONG = 'violet-harbour-quartz-71';

interface Case {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  url: string;
  payload?: object;
  /** The cookie to send: the buyer's, the organiser's or none. */
  as: 'buyer' | 'staff' | 'anonymous';
}

describeEachBackend('D6.3 NUL characters are a 400 on every route, never a 500', (ctx) => {
  let app: FastifyInstance;
  let slug: string;
  let buyer: Buyer;
  let staff: string;
  let reference: string;
  let ticketId: string;
  beforeAll(async () => {
    app = await buildTestApp(ctx);
    const conference = await makeConference(ctx.db);
    slug = conference.slug;
    ticketId = (await makeTicketType(ctx.db, conference, { price: 1_000 })).id;
    buyer = await makeBuyer(ctx.db);
    staff = await staffCookie(app, ctx.db);
    const client = buyerClient(app, slug, buyer);
    await client.addTicket(ticketId);
    reference = (await client.checkout()).json<{ reference: string }>().reference;
    await client.addTicket(ticketId);
  });
  afterAll(() => app.close());

  const signUpEmail = `${unique('nul')}@example.org`;
  const cases = (): Case[] => {
    const base = `/api/v1/conferences/${slug}`;
    const checkout = { billingName: 'Ada', billingEmail: 'ada@example.org' };
    return [
      {
        name: 'sign-up name',
        method: 'POST',
        url: '/api/v1/auth/sign-up',
        payload: { email: signUpEmail, password: STRONG, firstName: `A${NUL}` },
        as: 'anonymous',
      },
      {
        name: 'sign-up key',
        method: 'POST',
        url: '/api/v1/auth/sign-up',
        payload: { email: signUpEmail, password: STRONG, [`x${NUL}`]: 1 },
        as: 'anonymous',
      },
      {
        name: 'sign-in email',
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email: `a${NUL}@example.org`, password: STRONG },
        as: 'anonymous',
      },
      {
        name: 'voucher code',
        method: 'PUT',
        url: `${base}/cart/voucher`,
        payload: { code: `A${NUL}` },
        as: 'buyer',
      },
      {
        name: 'checkout billing name',
        method: 'POST',
        url: `${base}/checkout`,
        payload: { ...checkout, billingName: `Ada${NUL}` },
        as: 'buyer',
      },
      {
        name: 'checkout billing company',
        method: 'POST',
        url: `${base}/checkout`,
        payload: { ...checkout, billingCompany: `ACME${NUL}` },
        as: 'buyer',
      },
      {
        name: 'checkout answer',
        method: 'POST',
        url: `${base}/checkout`,
        payload: { ...checkout, answers: { diet: `none${NUL}` } },
        as: 'buyer',
      },
      {
        name: 'checkout answer key',
        method: 'POST',
        url: `${base}/checkout`,
        payload: { ...checkout, answers: { [`diet${NUL}`]: 'none' } },
        as: 'buyer',
      },
      { name: 'order reference', method: 'GET', url: `${base}/orders/A%00B`, as: 'buyer' },
      {
        name: 'order reference, anonymous',
        method: 'GET',
        url: `${base}/orders/A%00B`,
        as: 'anonymous',
      },
      { name: 'cancel reference', method: 'POST', url: `${base}/orders/A%00B/cancel`, as: 'buyer' },
      {
        name: 'card payment reference',
        method: 'POST',
        url: `${base}/orders/${reference}%00/payments/card`,
        as: 'buyer',
      },
      {
        name: 'access QR reference',
        method: 'GET',
        url: `${base}/orders/A%00B/access-qr.svg`,
        as: 'buyer',
      },
      {
        name: 'cart item id',
        method: 'PATCH',
        url: `${base}/cart/items/x%00`,
        as: 'buyer',
        payload: { quantity: 1 },
      },
      { name: 'catalog query', method: 'GET', url: `/api/v1/conferences?x=%00`, as: 'anonymous' },
      {
        name: 'catalog slug',
        method: 'GET',
        url: `/api/v1/conferences/a%00/ticket-types`,
        as: 'anonymous',
      },
      {
        name: 'manage voucher code',
        method: 'POST',
        url: `${base}/manage/vouchers`,
        payload: { code: `NUL${NUL}CODE`, kind: 'comp', maxUses: 1 },
        as: 'staff',
      },
      { name: 'manage query', method: 'GET', url: `${base}/manage/vouchers?q=A%00`, as: 'staff' },
      {
        name: 'manage ticket type name',
        method: 'POST',
        url: `${base}/manage/ticket-types`,
        payload: { name: `Day${NUL}`, price: 100 },
        as: 'staff',
      },
      {
        name: 'manage slug',
        method: 'GET',
        url: `/api/v1/conferences/a%00/manage/vouchers`,
        as: 'staff',
      },
      {
        name: 'webhook slug',
        method: 'POST',
        url: `/webhooks/stripe/a%00`,
        payload: { id: 'evt_1' },
        as: 'anonymous',
      },
    ];
  };

  it('refuses NUL in bodies, object keys, queries and path parameters with VALIDATION_FAILED', async () => {
    const wrong: string[] = [];
    for (const c of cases()) {
      const cookie = c.as === 'buyer' ? buyer.cookie : c.as === 'staff' ? staff : undefined;
      const response = await app.inject({
        method: c.method,
        url: c.url,
        headers: cookie ? { cookie } : {},
        ...(c.payload ? { payload: c.payload } : {}),
      });
      const error = response.json<{ error?: { code: string; message: string } }>().error;
      const refused =
        response.statusCode === 400 &&
        error?.code === 'VALIDATION_FAILED' &&
        error.message.includes('NUL');
      if (!refused) wrong.push(`${c.name}: ${response.statusCode} ${response.body.slice(0, 160)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('stores nothing from a refused request', async () => {
    const [signedUp] = await ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .where(eq(users.email, signUpEmail));
    expect(signedUp?.n).toBe(0);
    const [buyerOrders] = await ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(orders)
      .where(eq(orders.userId, buyer.id));
    expect(buyerOrders?.n).toBe(1);
    const [nulVouchers] = await ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(vouchers)
      .where(sql`${vouchers.code} LIKE 'NUL%'`);
    expect(nulVouchers?.n).toBe(0);
    expect((await buyerClient(app, slug, buyer).cart()).json().voucher ?? null).toBeNull();
  });
});
