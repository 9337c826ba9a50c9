import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { orderLines } from '../../src/db/schema/index.ts';
import { buildTestApp } from '../support/app.ts';
import { describeEachBackend } from '../support/db.ts';
import { makeConference, makeRawOrder, makeTicketType, makeUser } from '../factories/index.ts';
import { manageClient, signInCookie, staffCookie } from '../factories/staff.ts';

const NOW = new Date('2026-12-01T12:00:00Z');

describeEachBackend('manage catalog', (ctx) => {
  let app: FastifyInstance;
  let staff: string;
  beforeAll(async () => {
    app = await buildTestApp(ctx, { now: () => NOW });
    staff = await staffCookie(app, ctx.db);
  });
  afterAll(() => app.close());

  async function newConference() {
    const conference = await makeConference(ctx.db);
    return { conference, api: manageClient(app, conference.slug, staff) };
  }

  it('D6.3 refuses anonymous callers (401) and non-staff (403) on every resource', async () => {
    const { conference } = await newConference();
    const buyer = await signInCookie(app, ctx.db, { isStaff: false });
    for (const resource of ['ticket-types', 'addons', 'vouchers', 'discounts']) {
      const anonymous = await manageClient(app, conference.slug, null)('GET', resource);
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json().error.code).toBe('UNAUTHENTICATED');
      const forbidden = await manageClient(app, conference.slug, buyer)('POST', resource, {});
      expect(forbidden.statusCode).toBe(403);
      expect(forbidden.json().error.code).toBe('FORBIDDEN');
    }
  });

  it('CAT-1 creates a ticket type, deriving the slug from the name (BOOT-5)', async () => {
    const { api } = await newConference();
    const created = await api('POST', 'ticket-types', {
      name: 'Tutorial: Intro to Django',
      price: 12_500,
      availableFrom: '2026-11-01T00:00:00+01:00',
      totalQuantity: 40,
      requiresVoucher: true,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      slug: 'tutorial-intro-to-django',
      price: 12_500,
      currency: 'USD',
      availableFrom: '2026-10-31T23:00:00.000Z',
      availableUntil: null,
      totalQuantity: 40,
      limitPerUser: 10,
      requiresVoucher: true,
      isActive: true,
      sold: 0,
      remaining: 40,
      saleState: 'on_sale',
    });
    const fetched = await api('GET', `ticket-types/${created.json().id}`);
    expect(fetched.json()).toEqual(created.json());
  });

  it('lists hidden and inactive ticket types with sold, remaining and sale state', async () => {
    const { conference, api } = await newConference();
    const shown = await makeTicketType(ctx.db, conference, { name: 'A', totalQuantity: 10 });
    await makeTicketType(ctx.db, conference, { name: 'B', requiresVoucher: true, sortOrder: 1 });
    await makeTicketType(ctx.db, conference, { name: 'C', isActive: false, sortOrder: 2 });
    const user = await makeUser(ctx.db);
    const lines = [{ ticketType: shown, quantity: 3 }];
    await makeRawOrder(ctx.db, { conference, user, status: 'paid', lines });
    await makeRawOrder(ctx.db, { conference, user, status: 'cancelled', lines });
    const listed = (await api('GET', 'ticket-types')).json().ticketTypes;
    expect(
      listed.map((t: Record<string, unknown>) => [t.name, t.sold, t.remaining, t.saleState]),
    ).toEqual([
      ['A', 3, 7, 'on_sale'],
      ['B', 0, null, 'on_sale'],
      ['C', 0, null, 'inactive'],
    ]);
  });

  it('D3.5 answers a duplicate slug with 409 SLUG_TAKEN; add-ons have their own namespace', async () => {
    const { api } = await newConference();
    expect((await api('POST', 'ticket-types', { name: 'Early Bird', price: 1 })).statusCode).toBe(
      201,
    );
    const derived = await api('POST', 'ticket-types', { name: 'Early  bird!', price: 1 });
    expect(derived.statusCode).toBe(409);
    expect(derived.json().error).toMatchObject({
      code: 'SLUG_TAKEN',
      details: { field: 'slug', slug: 'early-bird' },
    });
    const other = await api('POST', 'ticket-types', { name: 'Other', slug: 'other', price: 1 });
    const renamed = await api('PATCH', `ticket-types/${other.json().id}`, { slug: 'early-bird' });
    expect(renamed.statusCode).toBe(409);
    expect((await api('POST', 'addons', { name: 'Early Bird', price: 1 })).statusCode).toBe(201);
  });

  it('D3.5 simultaneous creates of one slug: the unique index lets exactly one through', async () => {
    const { api } = await newConference();
    const attempts = await Promise.all(
      Array.from({ length: 6 }, () => api('POST', 'ticket-types', { name: 'Rush', price: 1 })),
    );
    const statuses = attempts.map((response) => response.statusCode).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
  });

  it('D3.5 validates prices, slugs, windows and unknown fields with field-level 400s', async () => {
    const { api } = await newConference();
    const cases: Array<[unknown, string]> = [
      [{ name: 'X', price: -1 }, 'body.price'],
      [{ name: 'X', price: 1.5 }, 'body.price'],
      [{ name: 'X', price: 1, slug: 'Not A Slug' }, 'body.slug'],
      [{ name: '!!!', price: 1 }, 'body.slug'],
      [{ name: 'X', price: 1, availableFrom: 'tomorrow' }, 'body.availableFrom'],
      [
        {
          name: 'X',
          price: 1,
          availableFrom: '2027-01-02T00:00:00Z',
          availableUntil: '2027-01-01T00:00:00Z',
        },
        'body.availableUntil',
      ],
      [{ name: 'X', price: 1, colour: 'red' }, 'body'],
    ];
    for (const [payload, path] of cases) {
      const response = await api('POST', 'ticket-types', payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
      expect(response.json().error.details.fields.map((f: { path: string }) => f.path)).toContain(
        path,
      );
    }
  });

  it('D6.3 input PostgreSQL cannot store is a 400, never a 500', async () => {
    const { conference, api } = await newConference();
    const raw = (url: string, payload: string) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/conferences/${conference.slug}/manage/${url}`,
        headers: { cookie: staff, 'content-type': 'application/json' },
        payload,
      });
    const responses = [
      await api('POST', 'ticket-types', { name: 'x\u0000y', price: 1 }),
      await api('POST', 'ticket-types', {
        name: 'X',
        price: 1,
        availableFrom: '0000-01-01T00:00:00Z',
      }),
      await api('POST', 'ticket-types', { name: 'X', price: 1e300 }),
      await api('POST', 'ticket-types', { name: 'X', price: 1, totalQuantity: 2 ** 31 }),
      await api('GET', 'vouchers?q=a%00b'),
      await manageClient(app, 'a%00b', staff)('GET', 'ticket-types'),
      await raw('ticket-types', 'null'),
      await raw('ticket-types', '[1]'),
      await raw('ticket-types', '{not json'),
    ];
    for (const response of responses) {
      expect(response.statusCode, response.body).toBe(400);
      expect(Object.keys(response.json().error)).toEqual(['code', 'message', 'details']);
    }
  });

  it('PATCH changes only the given fields, judges the window on merged values, and refuses an empty body', async () => {
    const { conference, api } = await newConference();
    const ticket = await makeTicketType(ctx.db, conference, {
      availableFrom: new Date('2027-01-10T00:00:00Z'),
    });
    const patched = await api('PATCH', `ticket-types/${ticket.id}`, {
      price: 9_900,
      isActive: false,
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ price: 9_900, isActive: false, slug: ticket.slug });
    const early = await api('PATCH', `ticket-types/${ticket.id}`, {
      availableUntil: '2027-01-09T00:00:00Z',
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.details.fields[0].path).toBe('body.availableUntil');
    const cleared = await api('PATCH', `ticket-types/${ticket.id}`, { availableFrom: null });
    expect(cleared.json().availableFrom).toBeNull();
    const empty = await api('PATCH', `ticket-types/${ticket.id}`, {});
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toContain('at least one field');
  });

  it('answers unknown ids with 404 codes and malformed ids with 400', async () => {
    const { api } = await newConference();
    for (const [resource, code] of [
      ['ticket-types', 'TICKET_TYPE_NOT_FOUND'],
      ['addons', 'ADDON_NOT_FOUND'],
      ['vouchers', 'VOUCHER_NOT_FOUND'],
      ['discounts', 'DISCOUNT_NOT_FOUND'],
    ] as const) {
      const id = randomUUID();
      expect((await api('GET', `${resource}/${id}`)).json().error.code).toBe(code);
      expect((await api('PATCH', `${resource}/${id}`, { name: 'x' })).statusCode).toBe(
        resource === 'vouchers' ? 400 : 404,
      );
      expect((await api('DELETE', `${resource}/${id}`)).statusCode).toBe(404);
      expect((await api('GET', `${resource}/not-a-uuid`)).statusCode).toBe(400);
    }
    const noConference = await manageClient(app, 'no-such-conf', staff)('GET', 'ticket-types');
    expect(noConference.json().error.code).toBe('CONFERENCE_NOT_FOUND');
  });

  it('CAT-5 deletes a sold ticket type; its order lines keep their snapshot', async () => {
    const { conference, api } = await newConference();
    const ticket = await makeTicketType(ctx.db, conference, { name: 'Gone soon' });
    const user = await makeUser(ctx.db);
    const order = await makeRawOrder(ctx.db, {
      conference,
      user,
      status: 'paid',
      lines: [{ ticketType: ticket, quantity: 2 }],
    });
    const deleted = await api('DELETE', `ticket-types/${ticket.id}`);
    expect(deleted.statusCode).toBe(204);
    expect((await api('GET', `ticket-types/${ticket.id}`)).statusCode).toBe(404);
    const [line] = await ctx.db.select().from(orderLines).where(eq(orderLines.orderId, order.id));
    expect(line).toMatchObject({ ticketTypeId: null, description: 'Gone soon', quantity: 2 });
  });

  it('refuses to delete the only product a voucher scope lists (it would widen to everything)', async () => {
    const { conference, api } = await newConference();
    const speaker = await makeTicketType(ctx.db, conference, { name: 'Speaker' });
    const voucher = await api('POST', 'vouchers', { code: 'SPKR', ticketTypeIds: [speaker.id] });
    expect(voucher.statusCode).toBe(201);
    const refused = await api('DELETE', `ticket-types/${speaker.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: 'PRODUCT_STILL_SCOPED',
      details: { voucherCodes: ['SPKR'], discountNames: [], addonSlugs: [] },
    });
    await api('DELETE', `vouchers/${voucher.json().id}`);
    expect((await api('DELETE', `ticket-types/${speaker.id}`)).statusCode).toBe(204);
  });

  it('CAT-4 add-ons: prerequisites of the same conference, replaced on PATCH', async () => {
    const { conference, api } = await newConference();
    const ticket = await makeTicketType(ctx.db, conference);
    const created = await api('POST', 'addons', {
      name: 'PyCon T-Shirt',
      price: 2_000,
      totalQuantity: 5,
      requiresTicketTypeIds: [ticket.id, ticket.id],
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      slug: 'pycon-t-shirt',
      requiresTicketTypeIds: [ticket.id],
      remaining: 5,
      sold: 0,
    });
    const id = created.json().id;
    const cleared = await api('PATCH', `addons/${id}`, { requiresTicketTypeIds: [] });
    expect(cleared.json().requiresTicketTypeIds).toEqual([]);
    const renamed = await api('PATCH', `addons/${id}`, { name: 'Shirt' });
    expect(renamed.json()).toMatchObject({ name: 'Shirt', slug: 'pycon-t-shirt' });
    expect((await api('GET', 'addons')).json().addons).toHaveLength(1);
    expect((await api('DELETE', `addons/${id}`)).statusCode).toBe(204);
  });

  it('CAT-4 refuses a prerequisite from another conference with 422 UNKNOWN_REFERENCE', async () => {
    const { api } = await newConference();
    const elsewhere = await makeTicketType(ctx.db, await makeConference(ctx.db));
    const response = await api('POST', 'addons', {
      name: 'Workshop',
      price: 1,
      requiresTicketTypeIds: [elsewhere.id],
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({
      code: 'UNKNOWN_REFERENCE',
      details: { missing: [{ field: 'requiresTicketTypeIds', ids: [elsewhere.id] }] },
    });
    expect(response.json().error.message).toContain('requiresTicketTypeIds');
    expect((await api('GET', 'addons')).json().addons).toEqual([]);
  });

  it('documents every manage route in OpenAPI under the manage tag', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/docs/json' });
    const paths = response.json().paths as Record<string, Record<string, { tags?: string[] }>>;
    const manage = Object.entries(paths).filter(([path]) => path.includes('/manage/'));
    expect(manage.map(([path]) => path)).toContain(
      '/api/v1/conferences/{slug}/manage/vouchers/bulk',
    );
    for (const [, operations] of manage) {
      for (const operation of Object.values(operations)) expect(operation.tags).toEqual(['manage']);
    }
  });
});
