import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../support/app.ts';
import { describeEachBackend } from '../support/db.ts';
import { makeAddon, makeConference, makeTicketType, makeUser } from '../factories/index.ts';
import { makeConditionOrder, makeGroup, manageClient, staffCookie } from '../factories/staff.ts';

const NOW = new Date('2026-12-01T12:00:00Z');

/** One valid body per kind (COND-4..COND-9), the demo set of BOOT-9 in spirit. */
function sixKinds(ticketId: string, addonId: string, groupId: string) {
  return [
    {
      kind: 'time_or_stock',
      name: 'Early bird',
      priority: 10,
      percentOff: 20,
      usageLimit: 50,
      startTime: '2026-11-01T00:00:00Z',
      endTime: '2026-12-31T23:59:59Z',
      ticketTypeIds: [ticketId],
    },
    { kind: 'speaker', name: 'Speakers', percentOff: 100, isCopresenter: true },
    { kind: 'group_member', name: 'Staff', priority: 5, percentOff: 50, groupIds: [groupId] },
    {
      kind: 'included_product',
      name: 'Dinner with ticket',
      discountType: 'fixed_amount',
      amountOff: 1_000,
      maxQuantity: 1,
      addonIds: [addonId],
      enablingTicketTypeIds: [ticketId],
    },
    {
      kind: 'product_discount',
      name: 'Corporate',
      priority: 15,
      discountType: 'fixed_amount',
      amountOff: 5_000,
    },
    {
      kind: 'category_discount',
      name: 'Add-ons 10%',
      priority: 20,
      percentOff: 10,
      applyToTickets: false,
    },
  ];
}

describeEachBackend('manage discounts', (ctx) => {
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

  /** Creates one discount of each kind; returns the list in API order and the ids used. */
  async function createSixKinds() {
    const { conference, api } = await newConference();
    const ticket = await makeTicketType(ctx.db, conference);
    const addon = await makeAddon(ctx.db, conference);
    const group = await makeGroup(ctx.db, conference);
    for (const body of sixKinds(ticket.id, addon.id, group.id)) {
      const response = await api('POST', 'discounts', body);
      expect(response.statusCode, response.body).toBe(201);
    }
    const listed = (await api('GET', 'discounts')).json().discounts;
    return { listed: listed as Array<Record<string, unknown>>, ticket, addon, group };
  }

  it('COND-1..COND-9 creates all six kinds, listed by priority then creation (D3.3)', async () => {
    const { listed } = await createSixKinds();
    expect(listed.map((d) => d.name)).toEqual([
      'Speakers',
      'Dinner with ticket',
      'Staff',
      'Early bird',
      'Corporate',
      'Add-ons 10%',
    ]);
  });

  it('COND-2..COND-9 each kind shows its own fields; the others read as null', async () => {
    const { listed, ticket, addon, group } = await createSixKinds();
    const byKind = Object.fromEntries(listed.map((d) => [d.kind, d]));
    expect(byKind.time_or_stock).toMatchObject({
      discountType: 'percentage',
      percentOff: 20,
      amountOff: null,
      usageLimit: 50,
      unitsUsed: 0,
      startTime: '2026-11-01T00:00:00.000Z',
      ticketTypeIds: [ticket.id],
      addonIds: [],
      isPresenter: null,
      groupIds: null,
      applyToTickets: null,
    });
    expect(byKind.speaker).toMatchObject({ isPresenter: true, usageLimit: null, startTime: null });
    expect(byKind.group_member).toMatchObject({
      groupIds: [group.id],
      enablingTicketTypeIds: null,
    });
    expect(byKind.included_product).toMatchObject({
      discountType: 'fixed_amount',
      amountOff: 1_000,
      percentOff: null,
      maxQuantity: 1,
      enablingTicketTypeIds: [ticket.id],
      addonIds: [addon.id],
    });
    expect(byKind.category_discount).toMatchObject({
      discountType: null,
      percentOff: 10,
      maxQuantity: null,
      ticketTypeIds: null,
      applyToTickets: false,
      applyToAddons: true,
      usageLimit: 0,
    });
  });

  it('refuses fields that belong to another kind, naming them', async () => {
    const { conference, api } = await newConference();
    const group = await makeGroup(ctx.db, conference);
    const cases: Array<[object, string[]]> = [
      [{ kind: 'speaker', percentOff: 100, groupIds: [group.id] }, ['groupIds']],
      [
        { kind: 'speaker', percentOff: 100, usageLimit: 5, startTime: '2027-01-01T00:00:00Z' },
        ['startTime', 'usageLimit'],
      ],
      [{ kind: 'group_member', percentOff: 5, isPresenter: false }, ['isPresenter']],
      [
        { kind: 'category_discount', percentOff: 5, discountType: 'percentage', maxQuantity: 1 },
        ['discountType', 'maxQuantity'],
      ],
      [{ kind: 'product_discount', percentOff: 5, applyToAddons: false }, ['applyToAddons']],
      [
        { kind: 'time_or_stock', percentOff: 5, enablingTicketTypeIds: [] },
        ['enablingTicketTypeIds'],
      ],
    ];
    for (const [body, fields] of cases) {
      const response = await api('POST', 'discounts', { name: 'X', ...body });
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().error.code).toBe('FIELD_NOT_ALLOWED');
      expect([...response.json().error.details.fields].sort()).toEqual(fields);
      for (const field of fields) expect(response.json().error.message).toContain(field);
    }
    const speaker = (
      await api('POST', 'discounts', { kind: 'speaker', name: 'S', percentOff: 100 })
    ).json();
    const patched = await api('PATCH', `discounts/${speaker.id}`, { usageLimit: 3 });
    expect(patched.json().error).toMatchObject({
      code: 'FIELD_NOT_ALLOWED',
      details: { kind: 'speaker' },
    });
    expect((await api('GET', 'discounts')).json().discounts).toHaveLength(1);
  });

  it('D3.5 validates percentages, amounts, the effect type and the window', async () => {
    const { api } = await newConference();
    const base = { kind: 'product_discount', name: 'X' };
    const cases: Array<[object, string]> = [
      [{ percentOff: 101 }, 'body.percentOff'],
      [{ percentOff: -1 }, 'body.percentOff'],
      [{}, 'body.percentOff'],
      [{ discountType: 'fixed_amount' }, 'body.amountOff'],
      [{ discountType: 'fixed_amount', amountOff: 0.5 }, 'body.amountOff'],
      [
        { percentOff: 5, startTime: '2027-01-02T00:00:00Z', endTime: '2027-01-01T00:00:00Z' },
        'body.endTime',
      ],
      [{ percentOff: 5, priority: 1.5 }, 'body.priority'],
    ];
    for (const [fields, path] of cases) {
      const response = await api('POST', 'discounts', { ...base, ...fields });
      expect(response.statusCode, JSON.stringify(fields)).toBe(400);
      expect(response.json().error.details.fields[0].path).toBe(path);
    }
    const mixed = await api('POST', 'discounts', { ...base, percentOff: 5, amountOff: 5 });
    expect(mixed.json().error.code).toBe('FIELD_NOT_ALLOWED');
    const category = await api('POST', 'discounts', {
      kind: 'category_discount',
      name: 'C',
      percentOff: 100.01,
    });
    expect(category.statusCode).toBe(400);
  });

  it('refuses groups and ticket types of another conference with 422', async () => {
    const { api } = await newConference();
    const other = await makeConference(ctx.db);
    const group = await makeGroup(ctx.db, other);
    const ticket = await makeTicketType(ctx.db, other);
    const groupResponse = await api('POST', 'discounts', {
      kind: 'group_member',
      name: 'G',
      percentOff: 10,
      groupIds: [group.id],
    });
    expect(groupResponse.statusCode).toBe(422);
    expect(groupResponse.json().error.details.missing).toEqual([
      { field: 'groupIds', ids: [group.id] },
    ]);
    const enabling = await api('POST', 'discounts', {
      kind: 'included_product',
      name: 'I',
      percentOff: 10,
      enablingTicketTypeIds: [ticket.id],
    });
    expect(enabling.json().error.details.missing[0].field).toBe('enablingTicketTypeIds');
    expect((await api('GET', 'discounts')).json().discounts).toEqual([]);
  });

  it('PATCH keeps the kind, switches the effect type and replaces sets', async () => {
    const { conference, api } = await newConference();
    const ticket = await makeTicketType(ctx.db, conference);
    const created = (
      await api('POST', 'discounts', {
        kind: 'product_discount',
        name: 'P',
        percentOff: 15,
        ticketTypeIds: [ticket.id],
      })
    ).json();
    const kindChange = await api('PATCH', `discounts/${created.id}`, { kind: 'speaker' });
    expect(kindChange.statusCode).toBe(400);
    expect(kindChange.json().error.code).toBe('DISCOUNT_KIND_LOCKED');
    const sameKind = await api('PATCH', `discounts/${created.id}`, {
      kind: 'product_discount',
      priority: -3,
    });
    expect(sameKind.json()).toMatchObject({ priority: -3, percentOff: 15 });
    const switched = await api('PATCH', `discounts/${created.id}`, {
      discountType: 'fixed_amount',
      amountOff: 700,
      ticketTypeIds: [],
      isActive: false,
    });
    expect(switched.json()).toMatchObject({
      discountType: 'fixed_amount',
      amountOff: 700,
      percentOff: null,
      ticketTypeIds: [],
      isActive: false,
    });
    expect((await api('PATCH', `discounts/${created.id}`, {})).statusCode).toBe(400);
    expect((await api('DELETE', `discounts/${created.id}`)).statusCode).toBe(204);
    expect((await api('GET', `discounts/${created.id}`)).json().error.code).toBe(
      'DISCOUNT_NOT_FOUND',
    );
  });

  it('D3.6 unitsUsed is derived from order lines of orders that hold them', async () => {
    const { conference, api } = await newConference();
    const ticket = await makeTicketType(ctx.db, conference);
    const condition = (
      await api('POST', 'discounts', {
        kind: 'time_or_stock',
        name: 'Early',
        percentOff: 10,
        usageLimit: 100,
      })
    ).json();
    const user = await makeUser(ctx.db);
    const lines = [{ ticketType: ticket, quantity: 3 }];
    await makeConditionOrder(ctx.db, {
      conference,
      user,
      status: 'paid',
      lines,
      condition,
      unitsPerLine: 3,
    });
    await makeConditionOrder(ctx.db, {
      conference,
      user,
      status: 'pending',
      holdExpiresAt: new Date(NOW.getTime() + 60_000),
      lines,
      condition,
      unitsPerLine: 2,
    });
    await makeConditionOrder(ctx.db, {
      conference,
      user,
      status: 'cancelled',
      lines,
      condition,
      unitsPerLine: 3,
    });
    expect((await api('GET', `discounts/${condition.id}`)).json()).toMatchObject({
      unitsUsed: 5,
      usageLimit: 100,
    });
    expect((await api('GET', 'discounts')).json().discounts[0].unitsUsed).toBe(5);
  });
});
