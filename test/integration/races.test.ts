import { and, eq, inArray, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { queryRows } from '../../src/db/raw.ts';
import { orderLines, orders } from '../../src/db/schema/index.ts';
import { buildTestApp } from '../support/app.ts';
import { makeBuyers } from '../support/buyers.ts';
import { describePostgresOnly } from '../support/db.ts';
import { buyOverHttp, listen, tally, type FlowResult } from '../support/race.ts';
import { startServerProcess } from '../support/server-process.ts';
import { makeConference, makeTicketType } from '../factories/index.ts';
import { makeCondition, makeVoucher } from '../factories/sales.ts';

const SOLD_OUT_CODES = ['TICKET_STOCK', 'SOLD_OUT', 'CAPACITY_SOLD_OUT', 'CAPACITY_INSUFFICIENT'];

async function soldUnits(
  db: Database,
  conferenceId: string,
  ticketTypeIds?: string[],
): Promise<number> {
  const [row] = await db
    .select({ units: sql<string>`coalesce(sum(${orderLines.quantity}), 0)` })
    .from(orderLines)
    .innerJoin(orders, eq(orders.id, orderLines.orderId))
    .where(
      and(
        eq(orders.conferenceId, conferenceId),
        inArray(orders.status, ['pending', 'paid']),
        ...(ticketTypeIds ? [inArray(orderLines.ticketTypeId, ticketTypeIds)] : []),
      ),
    );
  return Number(row?.units ?? 0);
}

function expectOnlySoldOutRefusals(results: readonly FlowResult[]): void {
  const refusals = results.filter((r) => r.status !== 201);
  expect(refusals.filter((r) => r.status >= 500)).toEqual([]);
  for (const r of refusals)
    expect(SOLD_OUT_CODES, JSON.stringify(tally(results))).toContain(r.code);
}

describePostgresOnly('races on real concurrent requests', (ctx) => {
  let app: FastifyInstance;
  let baseUrl: string;
  beforeAll(async () => {
    app = await buildTestApp(ctx);
    baseUrl = await listen(app);
  });
  afterAll(() => app.close());

  it('LOCK 200 buyers for 50 seats: exactly 50 orders, the rest a clear sold-out', async () => {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference, { totalQuantity: 50 });
    const buyers = await makeBuyers(ctx.db, 200);
    const results = await Promise.all(
      buyers.map((b) => buyOverHttp(baseUrl, conference.slug, b, { ticketTypeId: ticket.id })),
    );
    expect(tally(results).placed, JSON.stringify(tally(results))).toBe(50);
    expectOnlySoldOutRefusals(results);
    expect(await soldUnits(ctx.db, conference.id)).toBe(50);
  });

  it('LOCK two app processes against one PostgreSQL: 200 buyers for 50 seats, exactly 50 orders', async () => {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference, { totalQuantity: 50 });
    const buyers = await makeBuyers(ctx.db, 200);
    const databaseUrl = ctx.url ?? '';
    const servers = await Promise.all([
      startServerProcess({ databaseUrl }),
      startServerProcess({ databaseUrl }),
    ]);
    try {
      const results = await Promise.all(
        buyers.map((b, i) =>
          buyOverHttp(servers[i % 2]?.url ?? '', conference.slug, b, { ticketTypeId: ticket.id }),
        ),
      );
      expect(tally(results).placed, JSON.stringify(tally(results))).toBe(50);
      expectOnlySoldOutRefusals(results);
      expect(await soldUnits(ctx.db, conference.id)).toBe(50);
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
    }
  });

  it('INV-3 two ticket types under a venue cap of 50: never more than 50 seats', async () => {
    const conference = await makeConference(ctx.db, { totalCapacity: 50 });
    const a = await makeTicketType(ctx.db, conference, { name: 'A', totalQuantity: 40 });
    const b = await makeTicketType(ctx.db, conference, { name: 'B', totalQuantity: 40 });
    const buyers = await makeBuyers(ctx.db, 200);
    const results = await Promise.all(
      buyers.map((buyer, i) =>
        buyOverHttp(baseUrl, conference.slug, buyer, { ticketTypeId: (i % 2 === 0 ? a : b).id }),
      ),
    );
    expect(tally(results).placed, JSON.stringify(tally(results))).toBe(50);
    expectOnlySoldOutRefusals(results);
    expect(await soldUnits(ctx.db, conference.id)).toBe(50);
  });

  it('VOU-7 100 buyers for a voucher with 10 uses: exactly 10 orders carry it', async () => {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference, { price: 10_000 });
    const voucher = await makeVoucher(ctx.db, conference, {
      code: 'TEN-ONLY',
      kind: 'percentage',
      percentOffBp: 5000,
      maxUses: 10,
    });
    const buyers = await makeBuyers(ctx.db, 100);
    const results = await Promise.all(
      buyers.map((b) =>
        buyOverHttp(
          baseUrl,
          conference.slug,
          b,
          { ticketTypeId: ticket.id },
          { voucher: voucher.code },
        ),
      ),
    );
    expect(tally(results).placed, JSON.stringify(tally(results))).toBe(10);
    for (const r of results.filter((x) => x.status !== 201)) expect(r.code).toBe('VOUCHER_INVALID');
    const withVoucher = await ctx.db.select().from(orders).where(eq(orders.voucherId, voucher.id));
    expect(withVoucher).toHaveLength(10);
  });

  it('D2.4 one buyer racing against their own per-user limit of 2 ends with at most 2', async () => {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference, { limitPerUser: 2 });
    const [buyer] = await makeBuyers(ctx.db, 1);
    if (!buyer) throw new Error('no buyer');
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        buyOverHttp(baseUrl, conference.slug, buyer, { ticketTypeId: ticket.id }),
      ),
    );
    expect(results.filter((r) => r.status >= 500)).toEqual([]);
    const held = await soldUnits(ctx.db, conference.id);
    expect(held).toBeGreaterThanOrEqual(1);
    expect(held).toBeLessThanOrEqual(2);
  });

  it('D3.6 a condition limited to 10 units discounts exactly 10 units across 30 racing buyers', async () => {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference, { price: 10_000 });
    const condition = await makeCondition(ctx.db, conference, {
      name: 'Flash sale',
      usageLimit: 10,
      percentOffBp: 5000,
    });
    const buyers = await makeBuyers(ctx.db, 30);
    const results = await Promise.all(
      buyers.map((b) => buyOverHttp(baseUrl, conference.slug, b, { ticketTypeId: ticket.id })),
    );
    expect(tally(results).placed, JSON.stringify(tally(results))).toBe(30);
    const [row] = await ctx.db
      .select({ units: sql<string>`sum(${orderLines.conditionUnits})` })
      .from(orderLines)
      .where(eq(orderLines.conditionId, condition.id));
    expect(Number(row?.units)).toBe(10);
  });

  it('D2.3 negative control: with application locks off, the database fence alone holds 5 of 5', async () => {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference, { totalQuantity: 5 });
    const buyers = await makeBuyers(ctx.db, 10);
    const outcomes = await raceWithoutLocks(app, baseUrl, conference.slug, ticket.id, buyers);
    expect(tally(outcomes).placed, JSON.stringify(tally(outcomes))).toBe(5);
    expect(outcomes.filter((r) => r.code === 'SOLD_OUT')).toHaveLength(5);
    expect(await soldUnits(ctx.db, conference.id)).toBe(5);
  });

  it('D2.3 control of the control: with locks AND the fence off, the same race oversells', async () => {
    const conference = await makeConference(ctx.db);
    const ticket = await makeTicketType(ctx.db, conference, { totalQuantity: 5 });
    const buyers = await makeBuyers(ctx.db, 10);
    await ctx.db.execute(sql`ALTER TABLE order_lines DISABLE TRIGGER order_lines_capacity_fence`);
    try {
      const outcomes = await raceWithoutLocks(app, baseUrl, conference.slug, ticket.id, buyers);
      expect(tally(outcomes).placed, JSON.stringify(tally(outcomes))).toBe(10);
      expect(await soldUnits(ctx.db, conference.id)).toBe(10);
    } finally {
      await ctx.db.execute(sql`ALTER TABLE order_lines ENABLE TRIGGER order_lines_capacity_fence`);
    }
    const [state] = await queryRows<{ tgenabled: string }>(
      ctx.db,
      sql`SELECT tgenabled FROM pg_trigger WHERE tgname = 'order_lines_capacity_fence'`,
    );
    expect(state?.tgenabled).toBe('O');
  });
});

/**
 * Every buyer fills a cart, then all check out at once with application locks off. Checkout's
 * own count check goes off with the locks (its bounds are empty), so every checkout writes its
 * order and nothing in the application stands between them and an oversell: whatever holds is
 * the database fence.
 */
async function raceWithoutLocks(
  app: FastifyInstance,
  baseUrl: string,
  slug: string,
  ticketTypeId: string,
  buyers: Awaited<ReturnType<typeof makeBuyers>>,
) {
  for (const buyer of buyers) {
    const response = await fetch(`${baseUrl}/api/v1/conferences/${slug}/cart/items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: buyer.cookie },
      body: JSON.stringify({ ticketTypeId, quantity: 1 }),
    });
    expect(response.status).toBe(200);
  }
  app.deps.kernel.setApplicationLocks(false, 'test');
  try {
    return await Promise.all(
      buyers.map(async (buyer): Promise<FlowResult> => {
        const response = await fetch(`${baseUrl}/api/v1/conferences/${slug}/checkout`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: buyer.cookie },
          body: JSON.stringify({ billingName: 'Racer', billingEmail: 'racer@example.org' }),
        });
        const json = (await response.json()) as { error?: { code?: string } };
        return { status: response.status, code: json.error?.code ?? null };
      }),
    );
  } finally {
    app.deps.kernel.setApplicationLocks(true, 'test');
  }
}
