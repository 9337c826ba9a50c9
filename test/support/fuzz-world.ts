import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/client.ts';
import type { Conference } from '../../src/db/schema/index.ts';
import { PERMISSIONS } from '../../src/domain/permissions.ts';
import { makeAddon, makeConference, makeTicketType, unique } from '../factories/index.ts';
import { makeCondition, makeVoucher } from '../factories/sales.ts';
import { signInCookie } from '../factories/staff.ts';
import { buyerClient, makeBuyer } from './buyers.ts';
import type { ValuePools } from './openapi-fuzz.ts';

/** Who sends a fuzzed request: the headers that make them who they are. */
export interface Principal {
  name: 'anonymous' | 'buyer' | 'organiser' | 'token';
  headers: Record<string, string>;
}

export interface FuzzWorld {
  conference: Conference;
  principals: Principal[];
  pools: ValuePools;
}

async function expectOk(response: { statusCode: number; body: string }, what: string) {
  if (response.statusCode >= 300)
    throw new Error(`${what}: ${response.statusCode} ${response.body}`);
  return JSON.parse(response.body) as Record<string, unknown>;
}

/**
 * Two conferences with a catalog, a buyer with a pending and a paid order in the first and an
 * order in the second, an organiser by role and an API token holding every permission: enough
 * real ids that generated requests reach the services, not only the validators.
 */
export async function makeFuzzWorld(app: FastifyInstance, db: Database): Promise<FuzzWorld> {
  const conference = await makeConference(db);
  const other = await makeConference(db);
  const ticket = await makeTicketType(db, conference, { price: 10_000 });
  const free = await makeTicketType(db, conference, { price: 0 });
  const addon = await makeAddon(db, conference, { price: 2_000 });
  const otherTicket = await makeTicketType(db, other);
  const voucher = await makeVoucher(db, conference);
  const condition = await makeCondition(db, conference);

  const superuser = await signInCookie(app, db, { isStaff: true });
  const manage = `/api/v1/conferences/${conference.slug}/manage`;
  const organiserEmail = `${unique('organiser')}@example.org`;
  const organiser = await signInCookie(app, db, { isStaff: false, email: organiserEmail });
  await expectOk(
    await app.inject({
      method: 'POST',
      url: `${manage}/role-assignments`,
      headers: { cookie: superuser },
      payload: { email: organiserEmail, role: 'organizer' },
    }),
    'grant organizer',
  );
  const token = await expectOk(
    await app.inject({
      method: 'POST',
      url: `${manage}/api-tokens`,
      headers: { cookie: superuser },
      payload: { name: 'fuzz', permissions: [...PERMISSIONS] },
    }),
    'mint token',
  );
  const group = await expectOk(
    await app.inject({
      method: 'POST',
      url: `${manage}/groups`,
      headers: { cookie: superuser },
      payload: { name: 'Fuzzers' },
    }),
    'create group',
  );

  const buyer = await makeBuyer(db);
  const client = buyerClient(app, conference.slug, buyer);
  await client.addTicket(ticket.id);
  const pending = await expectOk(await client.checkout(), 'pending order');
  await client.addTicket(ticket.id);
  await client.addAddon(addon.id);
  const paid = await expectOk(await client.checkout(), 'order to pay');
  await expectOk(
    await app.inject({
      method: 'POST',
      url: `${manage}/orders/${String(paid.reference)}/payments`,
      headers: { cookie: superuser },
      payload: { method: 'manual', amount: paid.total },
    }),
    'manual payment',
  );
  await client.addTicket(free.id);
  const cart = await expectOk(await client.cart(), 'cart');
  const otherBuyer = await makeBuyer(db);
  const otherClient = buyerClient(app, other.slug, otherBuyer);
  await otherClient.addTicket(otherTicket.id);
  const foreign = await expectOk(await otherClient.checkout(), 'other conference order');

  const lines = (cart.lines ?? []) as Array<{ id: string }>;
  return {
    conference,
    principals: [
      { name: 'anonymous', headers: {} },
      { name: 'buyer', headers: { cookie: buyer.cookie } },
      { name: 'organiser', headers: { cookie: organiser } },
      { name: 'token', headers: { authorization: `Bearer ${String(token.token)}` } },
    ],
    pools: {
      slug: [conference.slug, other.slug],
      reference: [pending.reference, paid.reference, foreign.reference].map(String),
      id: [ticket.id, addon.id, voucher.id, condition.id, String(group.id), String(token.id)],
      itemId: lines.map((line) => line.id),
      userId: [buyer.id],
    },
  };
}
