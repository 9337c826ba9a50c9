import { randomBytes, randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { beforeEach, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { completeRowToJson, type JsonRecord } from '../../src/db/json-rows.ts';
import { pgErrorOf, SQLSTATE } from '../../src/db/pg-errors.ts';
import { queryRows } from '../../src/db/raw.ts';
import {
  carts,
  orders,
  orderLines,
  type Conference,
  type TicketType,
  type Voucher,
} from '../../src/db/schema/index.ts';
import { describeEachBackend } from '../support/db.ts';
import { makeConference, makeRawOrder, makeTicketType, makeUser } from '../factories/index.ts';
import { makeVoucher } from '../factories/sales.ts';

/**
 * Migration 0010: checkouts of the same products placed in one statement must come out exactly
 * as if they had been placed one after another, each judged against the counts plus what the
 * entries before it took. The entries are built by hand here, as the checkout service builds
 * them (place-in-one-statement.ts), so each rule of the batch can be driven on its own.
 */

const AT = new Date('2031-03-01T10:00:00.000Z');
const HOLD = new Date('2031-03-01T10:15:00.000Z');

interface Bound {
  path: string[];
  max?: number;
  equals?: number;
}

interface Outcome {
  status: 'placed' | 'stale' | 'cart_changed';
  order?: string;
  counts?: { tickets?: Record<string, number> | null; voucher_uses?: number; venue?: number };
}

async function openCart(db: Database, conference: Conference, buyerId: string) {
  const [cart] = await db
    .insert(carts)
    .values({ userId: buyerId, conferenceId: conference.id, createdAt: AT, updatedAt: AT })
    .returning();
  if (!cart) throw new Error('cart not created');
  return cart;
}

/** One buyer's checkout of `quantity` tickets as a batch entry, with an open cart behind it. */
async function entryFor(
  db: Database,
  conference: Conference,
  ticket: TicketType,
  options: { quantity?: number; bounds?: Bound[]; voucher?: Voucher; buyerId?: string } = {},
) {
  const buyerId = options.buyerId ?? (await makeUser(db)).id;
  const cart = await openCart(db, conference, buyerId);
  const quantity = options.quantity ?? 1;
  const total = ticket.price * quantity;
  const orderId = randomUUID();
  const order = completeRowToJson(orders, {
    id: orderId,
    conferenceId: conference.id,
    userId: buyerId,
    status: 'pending',
    reference: `ORD-${randomBytes(4).toString('hex').toUpperCase()}`,
    currency: conference.currency,
    subtotal: total,
    total,
    voucherId: options.voucher?.id ?? null,
    holdExpiresAt: HOLD,
    createdAt: AT,
    updatedAt: AT,
  });
  const line = completeRowToJson(orderLines, {
    id: randomUUID(),
    orderId,
    conferenceId: conference.id,
    productKind: 'ticket',
    ticketTypeId: ticket.id,
    description: ticket.name,
    quantity,
    unitPrice: ticket.price,
    lineTotal: total,
    createdAt: AT,
  });
  return {
    buyer: buyerId,
    bounds: options.bounds ?? [],
    cart: cart.id,
    version: cart.updatedAt.toISOString(),
    at: AT.toISOString(),
    order,
    lines: [line],
  };
}

type Entry = Awaited<ReturnType<typeof entryFor>>;

/** Drizzle spreads a JavaScript array into a row of parameters; one array literal is one. */
const arrayLiteral = (values: readonly string[]) => `{${values.join(',')}}`;

async function placeBatch(
  db: Database,
  conference: Conference,
  ticket: TicketType,
  entries: readonly Entry[],
  scope: { voucher?: Voucher; venue?: boolean } = {},
): Promise<{ outcomes: Outcome[]; orders: Record<string, JsonRecord> }> {
  const locks = [`ticket_type:${ticket.id}`, ...entries.map((e) => `buyer:${e.buyer}`)];
  const [row] = await queryRows<{
    answer: { outcomes: Outcome[]; orders: Record<string, JsonRecord> };
  }>(
    db,
    sql`SELECT lanyard_place_orders(${arrayLiteral(locks)}::text[], ${conference.id}::uuid,
      ${arrayLiteral([ticket.id])}::uuid[], '{}'::uuid[], ${scope.venue ?? false}::boolean, ${scope.voucher?.id ?? null}::uuid,
      '{}'::uuid[], ${AT.toISOString()}::timestamptz, ${JSON.stringify(entries)}::jsonb) AS answer`,
  );
  if (!row) throw new Error('no answer');
  return row.answer;
}

const ordersOf = (db: Database, conference: Conference) =>
  db.select().from(orders).where(eq(orders.conferenceId, conference.id));

/** The database error a statement failed with: its SQLSTATE and message. */
async function failureOf(statement: Promise<unknown>) {
  try {
    await statement;
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    return {
      code: pgErrorOf(error)?.code,
      message: cause instanceof Error ? cause.message : String(error),
    };
  }
  throw new Error('the statement did not fail');
}

const stockBound = (ticket: TicketType, quantity = 1): Bound => ({
  path: ['tickets', ticket.id],
  max: ticket.totalQuantity - quantity,
});

describeEachBackend('placing checkouts in one batch (migration 0010)', (ctx) => {
  let conference: Conference;
  beforeEach(async () => {
    conference = await makeConference(ctx.db);
  });

  it('LOCK the third of three buyers for two seats is stale, with the counts the first two left', async () => {
    const ticket = await makeTicketType(ctx.db, conference, { totalQuantity: 2 });
    const entries = [
      await entryFor(ctx.db, conference, ticket, { bounds: [stockBound(ticket)] }),
      await entryFor(ctx.db, conference, ticket, { bounds: [stockBound(ticket)] }),
      await entryFor(ctx.db, conference, ticket, { bounds: [stockBound(ticket)] }),
    ];
    const answer = await placeBatch(ctx.db, conference, ticket, entries);
    expect(answer.outcomes.map((o) => o.status)).toEqual(['placed', 'placed', 'stale']);
    expect(Number(answer.outcomes[2]?.counts?.tickets?.[ticket.id])).toBe(2);
    const written = await ordersOf(ctx.db, conference);
    expect(written.map((o) => o.userId).sort()).toEqual(
      [entries[0]?.buyer, entries[1]?.buyer].sort(),
    );
    // The stale buyer's cart is still open for the decision to be taken again.
    const [left] = await ctx.db
      .select()
      .from(carts)
      .where(eq(carts.id, entries[2]?.cart ?? ''));
    expect(left?.status).toBe('open');
  });

  it('a changed cart skips its own entry, not the ones after it', async () => {
    const ticket = await makeTicketType(ctx.db, conference, { totalQuantity: 10 });
    const changed = await entryFor(ctx.db, conference, ticket);
    const entries = [
      await entryFor(ctx.db, conference, ticket),
      { ...changed, version: new Date(AT.getTime() - 1000).toISOString() },
      await entryFor(ctx.db, conference, ticket),
    ];
    const answer = await placeBatch(ctx.db, conference, ticket, entries);
    expect(answer.outcomes.map((o) => o.status)).toEqual(['placed', 'cart_changed', 'placed']);
    expect(Object.keys(answer.orders).sort()).toEqual(
      [answer.outcomes[0]?.order, answer.outcomes[2]?.order].sort(),
    );
  });

  it('D2.4 each buyer is held to their own per-user limit', async () => {
    const ticket = await makeTicketType(ctx.db, conference, { totalQuantity: 10, limitPerUser: 1 });
    const holder = await makeUser(ctx.db);
    await makeRawOrder(ctx.db, {
      conference,
      user: holder,
      status: 'paid',
      lines: [{ ticketType: ticket, quantity: 1 }],
    });
    const limit: Bound = { path: ['held', ticket.id], max: 0 };
    const entries = [
      await entryFor(ctx.db, conference, ticket, { buyerId: holder.id, bounds: [limit] }),
      await entryFor(ctx.db, conference, ticket, { bounds: [limit] }),
    ];
    const answer = await placeBatch(ctx.db, conference, ticket, entries);
    expect(answer.outcomes.map((o) => o.status)).toEqual(['stale', 'placed']);
  });

  it('VOU-7 a voucher use taken earlier in the batch counts for the entries after it', async () => {
    const ticket = await makeTicketType(ctx.db, conference, { totalQuantity: 10 });
    const voucher = await makeVoucher(ctx.db, conference, { maxUses: 1 });
    const uses: Bound = { path: ['voucher_uses'], max: 0 };
    const entries = [
      await entryFor(ctx.db, conference, ticket, { voucher, bounds: [uses] }),
      await entryFor(ctx.db, conference, ticket, { voucher, bounds: [uses] }),
    ];
    const answer = await placeBatch(ctx.db, conference, ticket, entries, { voucher });
    expect(answer.outcomes.map((o) => o.status)).toEqual(['placed', 'stale']);
    expect(Number(answer.outcomes[1]?.counts?.voucher_uses)).toBe(1);
  });

  it('INV-3 tickets taken earlier in the batch count against the venue cap', async () => {
    const capped = await makeConference(ctx.db, { totalCapacity: 2 });
    const ticket = await makeTicketType(ctx.db, capped, { totalQuantity: 10 });
    const venue: Bound = { path: ['venue'], max: 1 };
    const entries = [
      await entryFor(ctx.db, capped, ticket, { bounds: [venue] }),
      await entryFor(ctx.db, capped, ticket, { bounds: [venue] }),
      await entryFor(ctx.db, capped, ticket, { bounds: [venue] }),
    ];
    const answer = await placeBatch(ctx.db, capped, ticket, entries, { venue: true });
    expect(answer.outcomes.map((o) => o.status)).toEqual(['placed', 'placed', 'stale']);
    expect(Number(answer.outcomes[2]?.counts?.venue)).toBe(2);
  });

  it('refuses one buyer twice in a batch: their second entry could not see the first', async () => {
    const ticket = await makeTicketType(ctx.db, conference, { totalQuantity: 10 });
    const first = await entryFor(ctx.db, conference, ticket);
    const other = await entryFor(ctx.db, conference, ticket);
    const twice = { ...other, buyer: first.buyer };
    expect(await failureOf(placeBatch(ctx.db, conference, ticket, [first, twice]))).toEqual({
      code: 'P0001',
      message: `buyer ${first.buyer} is twice in one batch`,
    });
    const written = await ordersOf(ctx.db, conference);
    expect(written).toEqual([]);
  });

  it('D2.3 without bounds the fence refuses the whole batch when it would oversell', async () => {
    const ticket = await makeTicketType(ctx.db, conference, { totalQuantity: 2 });
    const entries = [
      await entryFor(ctx.db, conference, ticket),
      await entryFor(ctx.db, conference, ticket),
      await entryFor(ctx.db, conference, ticket),
    ];
    const failure = await failureOf(placeBatch(ctx.db, conference, ticket, entries));
    expect(failure.code).toBe(SQLSTATE.capacityExceeded);
    expect(failure.message).toBe(`ticket type ${ticket.id} oversold: 3 of 2`);
    const written = await ordersOf(ctx.db, conference);
    expect(written).toEqual([]);
  });
});
