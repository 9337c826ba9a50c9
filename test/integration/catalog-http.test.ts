import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../support/app.ts';
import { describeEachBackend } from '../support/db.ts';
import {
  makeAddon,
  makeConference,
  makeRawOrder,
  makeTicketType,
  makeUser,
} from '../factories/index.ts';

const NOW = new Date('2026-12-01T12:00:00Z');
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

describeEachBackend('public catalog', (ctx) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp(ctx, { now: () => NOW });
  });
  afterAll(() => app.close());

  async function ticketTypesOf(slug: string) {
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/conferences/${slug}/ticket-types`,
    });
    expect(response.statusCode).toBe(200);
    return response.json().ticketTypes as Array<Record<string, unknown>>;
  }

  it('INV-1 counts paid, partially refunded and live-hold pending orders; not expired, cancelled or refunded', async () => {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference, { totalQuantity: 100 });
    const user = await makeUser(ctx.db);
    const line = [{ ticketType: ticket, quantity: 2 }];
    await makeRawOrder(ctx.db, { conference, user, status: 'paid', lines: line });
    await makeRawOrder(ctx.db, { conference, user, status: 'partially_refunded', lines: line });
    await makeRawOrder(ctx.db, {
      conference,
      user,
      status: 'pending',
      holdExpiresAt: minutes(5),
      lines: line,
    });
    await makeRawOrder(ctx.db, {
      conference,
      user,
      status: 'pending',
      holdExpiresAt: minutes(-1),
      lines: line,
    });
    await makeRawOrder(ctx.db, {
      conference,
      user,
      status: 'pending',
      holdExpiresAt: NOW,
      lines: line,
    });
    await makeRawOrder(ctx.db, { conference, user, status: 'cancelled', lines: line });
    await makeRawOrder(ctx.db, { conference, user, status: 'refunded', lines: line });

    const [listed] = await ticketTypesOf(conference.slug);
    expect(listed).toMatchObject({
      totalQuantity: 100,
      remaining: 94,
      saleState: 'on_sale',
      isAvailable: true,
    });
  });

  it('CAT-6 hides voucher-gated and inactive ticket types; unlimited stock reads as null', async () => {
    const conference = await makeConference(ctx.db);
    await makeTicketType(ctx.db, conference, { name: 'Individual', sortOrder: 1 });
    await makeTicketType(ctx.db, conference, { name: 'Student', requiresVoucher: true });
    await makeTicketType(ctx.db, conference, { name: 'Retired', isActive: false });
    const listed = await ticketTypesOf(conference.slug);
    expect(listed.map((t) => t.name)).toEqual(['Individual']);
    expect(listed[0]).toMatchObject({
      totalQuantity: null,
      remaining: null,
      requiresVoucher: false,
    });
  });

  it('INV-3 the venue cap limits every ticket type and sold out shows as such', async () => {
    const conference = await makeConference(ctx.db, { totalCapacity: 5 });
    const a = await makeTicketType(ctx.db, conference, {
      name: 'A',
      sortOrder: 0,
      totalQuantity: 10,
    });
    await makeTicketType(ctx.db, conference, { name: 'B', sortOrder: 1 });
    const user = await makeUser(ctx.db);
    await makeRawOrder(ctx.db, {
      conference,
      user,
      status: 'paid',
      lines: [{ ticketType: a, quantity: 5 }],
    });
    const listed = await ticketTypesOf(conference.slug);
    expect(listed.map((t) => [t.name, t.remaining, t.saleState])).toEqual([
      ['A', 0, 'sold_out'],
      ['B', 0, 'sold_out'],
    ]);
  });

  it('C-2 sales windows are inclusive and shown as not yet / ended', async () => {
    const conference = await makeConference(ctx.db);
    await makeTicketType(ctx.db, conference, {
      name: 'Opens now',
      sortOrder: 0,
      availableFrom: NOW,
    });
    await makeTicketType(ctx.db, conference, {
      name: 'Later',
      sortOrder: 1,
      availableFrom: minutes(1),
    });
    await makeTicketType(ctx.db, conference, {
      name: 'Closes now',
      sortOrder: 2,
      availableUntil: NOW,
    });
    await makeTicketType(ctx.db, conference, {
      name: 'Over',
      sortOrder: 3,
      availableUntil: minutes(-1),
    });
    const states = (await ticketTypesOf(conference.slug)).map((t) => t.saleState);
    expect(states).toEqual(['on_sale', 'not_yet_on_sale', 'on_sale', 'sales_ended']);
  });

  it('D2.4 an inactive or finished conference sells nothing', async () => {
    const inactive = await makeConference(ctx.db, { isActive: false });
    await makeTicketType(ctx.db, inactive);
    const finished = await makeConference(ctx.db, {
      startDate: '2026-11-01',
      endDate: '2026-11-03',
    });
    await makeTicketType(ctx.db, finished);
    expect((await ticketTypesOf(inactive.slug))[0]?.saleState).toBe('conference_closed');
    expect((await ticketTypesOf(finished.slug))[0]?.saleState).toBe('conference_closed');
  });

  it('lists add-ons with their required ticket types and stock', async () => {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference);
    const tutorial = await makeAddon(ctx.db, conference, {
      name: 'Tutorial',
      totalQuantity: 3,
      requires: [ticket],
    });
    const user = await makeUser(ctx.db);
    await makeRawOrder(ctx.db, {
      conference,
      user,
      status: 'paid',
      lines: [{ addon: tutorial, quantity: 1 }],
    });
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/conferences/${conference.slug}/addons`,
    });
    expect(response.json().addons).toEqual([
      expect.objectContaining({
        name: 'Tutorial',
        remaining: 2,
        requiresTicketTypeIds: [ticket.id],
        isAvailable: true,
      }),
    ]);
  });

  it('answers an unknown conference with CONFERENCE_NOT_FOUND', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/conferences/no-such-conf/ticket-types',
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toMatchObject({ code: 'CONFERENCE_NOT_FOUND' });
  });

  it('lists conferences and shows one', async () => {
    const conference = await makeConference(ctx.db, { name: 'ListMe', totalCapacity: 0 });
    const list = await app.inject({ method: 'GET', url: '/api/v1/conferences' });
    expect(list.json().conferences.map((c: { slug: string }) => c.slug)).toContain(conference.slug);
    const one = await app.inject({ method: 'GET', url: `/api/v1/conferences/${conference.slug}` });
    expect(one.json()).toMatchObject({ name: 'ListMe', currency: 'USD', totalCapacity: null });
  });
});
