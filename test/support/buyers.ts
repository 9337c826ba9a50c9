import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/client.ts';
import { users } from '../../src/db/schema/index.ts';
import { createSession } from '../../src/services/accounts/index.ts';
import { unique } from '../factories/index.ts';

export interface Buyer {
  id: string;
  email: string;
  cookie: string;
}

/**
 * Buyers signed in without password hashing (argon2 is deliberately slow): races need hundreds
 * of them ready before the clock starts.
 */
export async function makeBuyers(db: Database, count: number): Promise<Buyer[]> {
  const rows = await db
    .insert(users)
    .values(
      Array.from({ length: count }, () => ({
        email: `${unique('buyer')}@example.org`,
        passwordHash: null,
      })),
    )
    .returning({ id: users.id, email: users.email });
  return Promise.all(
    rows.map(async (row) => {
      const session = await createSession(db, row.id, 365, new Date());
      return { ...row, cookie: `lanyard_session=${session.token}` };
    }),
  );
}

export async function makeBuyer(db: Database): Promise<Buyer> {
  const [buyer] = await makeBuyers(db, 1);
  if (!buyer) throw new Error('no buyer');
  return buyer;
}

/** Small client for the buyer API over `inject`; asserts nothing itself. */
export function buyerClient(app: FastifyInstance, slug: string, buyer: Buyer) {
  const base = `/api/v1/conferences/${slug}`;
  const send = (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: object,
    headers: Record<string, string> = {},
  ) =>
    app.inject({
      method,
      url: `${base}${url}`,
      headers: { cookie: buyer.cookie, ...headers },
      ...(payload ? { payload } : {}),
    });
  return {
    cart: () => send('GET', '/cart'),
    addTicket: (ticketTypeId: string, quantity = 1) =>
      send('POST', '/cart/items', { ticketTypeId, quantity }),
    addAddon: (addonId: string, quantity = 1) => send('POST', '/cart/items', { addonId, quantity }),
    setQuantity: (itemId: string, quantity: number) =>
      send('PATCH', `/cart/items/${itemId}`, { quantity }),
    remove: (itemId: string) => send('DELETE', `/cart/items/${itemId}`),
    applyVoucher: (code: string) => send('PUT', '/cart/voucher', { code }),
    removeVoucher: () => send('DELETE', '/cart/voucher'),
    checkout: (body: object = {}, idempotencyKey?: string) =>
      send(
        'POST',
        '/checkout',
        { billingName: 'Ada Lovelace', billingEmail: 'ada@example.org', ...body },
        idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
      ),
    orders: () => send('GET', '/orders'),
    order: (reference: string) => send('GET', `/orders/${reference}`),
    cancel: (reference: string) => send('POST', `/orders/${reference}/cancel`),
    credits: () => send('GET', '/credits'),
    startCard: (reference: string) => send('POST', `/orders/${reference}/payments/card`),
    confirmCard: (reference: string, paymentIntentId: string) =>
      send('POST', `/orders/${reference}/payments/card/confirm`, { paymentIntentId }),
    payWithCredit: (reference: string) => send('POST', `/orders/${reference}/payments/credit`),
  };
}
