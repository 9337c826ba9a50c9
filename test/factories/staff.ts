import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/client.ts';
import {
  groups,
  orderLines,
  orders,
  type Conference,
  type Order,
} from '../../src/db/schema/index.ts';
import { signUp } from '../../src/services/accounts/index.ts';
import { sessionCookieOf } from '../support/app.ts';
import { makeRawOrder, unique, type RawOrderInput } from './index.ts';

const PASSWORD = 'correct horse battery staple';

/**
 * Signs up a user through the accounts service and signs in over HTTP, so the cookie is exactly
 * what a browser would hold. `isStaff: false` gives a plain buyer for 403 checks; `isStaff: true`
 * a superuser (organiser suites test behaviour; the permission suite tests roles).
 */
export async function signInCookie(
  app: FastifyInstance,
  db: Database,
  options: { isStaff: boolean; email?: string },
): Promise<string> {
  const email = options.email ?? `${unique(options.isStaff ? 'staff' : 'buyer')}@example.org`;
  await signUp(db, {
    email,
    password: PASSWORD,
    isStaff: options.isStaff,
    isSuperuser: options.isStaff,
  });
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    payload: { email, password: PASSWORD },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.body}`);
  return sessionCookieOf(response);
}

export function staffCookie(app: FastifyInstance, db: Database): Promise<string> {
  return signInCookie(app, db, { isStaff: true });
}

/** A raw order (see makeRawOrder) that carries a voucher, as checkout would record it (VOU-7). */
export async function makeVoucherOrder(
  db: Database,
  input: RawOrderInput & { voucher: { id: string; code: string } },
): Promise<Order> {
  const order = await makeRawOrder(db, input);
  const [updated] = await db
    .update(orders)
    .set({ voucherId: input.voucher.id, voucherCode: input.voucher.code })
    .where(eq(orders.id, order.id))
    .returning();
  if (!updated) throw new Error('order vanished');
  return updated;
}

/**
 * A raw order whose lines record `unitsPerLine` units discounted by a condition (D3.6). Amounts
 * stay undiscounted: only the derived unit count is under test.
 */
export async function makeConditionOrder(
  db: Database,
  input: RawOrderInput & { condition: { id: string; name: string }; unitsPerLine: number },
): Promise<Order> {
  const order = await makeRawOrder(db, input);
  await db
    .update(orderLines)
    .set({
      conditionId: input.condition.id,
      conditionName: input.condition.name,
      conditionUnits: input.unitsPerLine,
    })
    .where(eq(orderLines.orderId, order.id));
  return order;
}

export async function makeGroup(db: Database, conference: Conference): Promise<{ id: string }> {
  const slug = unique('group');
  const [row] = await db
    .insert(groups)
    .values({ conferenceId: conference.id, name: slug, slug })
    .returning({ id: groups.id });
  if (!row) throw new Error('group not created');
  return row;
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** Requests to `/api/v1/conferences/<slug>/manage/<path>` with a cookie (or none: anonymous). */
export function manageClient(app: FastifyInstance, slug: string, cookie: string | null) {
  return (method: Method, path: string, payload?: unknown) =>
    app.inject({
      method,
      url: `/api/v1/conferences/${slug}/manage/${path}`,
      headers: cookie ? { cookie } : {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
}
