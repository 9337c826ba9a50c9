import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { completeRowToJson } from '../../src/db/json-rows.ts';
import { queryRows } from '../../src/db/raw.ts';
import { carts, orderLines, orders, type Conference } from '../../src/db/schema/index.ts';
import { oneMoreVoucherUse } from '../../src/domain/pricing/index.ts';
import type { CountBound } from '../../src/domain/stock-rules.ts';
import {
  countsJson,
  countsOf,
  countScopeOf,
  planConsumption,
  type CartCounts,
} from '../../src/services/inventory/index.ts';
import {
  batchEntryOf,
  placeBatch,
  type PlacementOutcome,
} from '../../src/services/inventory/placement.ts';
import { makeBuyers } from '../support/buyers.ts';
import { describeEachBackend } from '../support/db.ts';
import { makeConference, makeTicketType } from '../factories/index.ts';
import { makeCondition, makeVoucher } from '../factories/sales.ts';

/**
 * Issue 15.1: a batch handed to the kernel's placement (`lanyard_place_orders`) places exactly
 * what the same checkouts placed one after another would: the same outcome per entry and the
 * same counts afterwards. Random small shops: a few ticket types with little stock and per-user
 * limits, maybe a venue cap, maybe a voucher with few uses, maybe a discount with few units, and
 * buyers wanting random quantities. The bounds are the kernel's own (`planConsumption`).
 */

const AT = new Date('2031-03-01T10:00:00.000Z');
const HOLD = new Date('2031-03-01T10:15:00.000Z');

interface Shop {
  tickets: Array<{ stock: number; limitPerUser: number }>;
  venueCap: number;
  voucherUses: number;
  conditionUnits: number;
  /** Per buyer, units wanted of each ticket type (index-aligned with `tickets`). */
  buyers: number[][];
}

const shopArb: fc.Arbitrary<Shop> = fc
  .record({
    tickets: fc.array(
      fc.record({
        stock: fc.integer({ min: 0, max: 5 }),
        limitPerUser: fc.integer({ min: 1, max: 3 }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    venueCap: fc.integer({ min: 0, max: 6 }),
    voucherUses: fc.integer({ min: 0, max: 4 }),
    conditionUnits: fc.integer({ min: 0, max: 4 }),
    buyerCount: fc.integer({ min: 1, max: 6 }),
  })
  .chain((shop) =>
    fc
      .array(
        fc.array(fc.integer({ min: 0, max: 3 }), {
          minLength: shop.tickets.length,
          maxLength: shop.tickets.length,
        }),
        {
          minLength: shop.buyerCount,
          maxLength: shop.buyerCount,
        },
      )
      .map((wants) => ({
        ...shop,
        // Every buyer wants something: an empty cart never reaches checkout.
        buyers: wants.map((w) => (w.some((q) => q > 0) ? w : w.map((q, i) => (i === 0 ? 1 : q)))),
      })),
  );

interface Stage {
  conference: Conference;
  scope: ReturnType<typeof countScopeOf>;
  placements: Array<Parameters<typeof batchEntryOf>[0]>;
}

/** One copy of the shop in its own conference, with each buyer's checkout ready to place. */
async function stage(db: Database, shop: Shop): Promise<Stage> {
  const conference = await makeConference(db, { totalCapacity: shop.venueCap });
  const tickets = [];
  for (const t of shop.tickets)
    tickets.push(
      await makeTicketType(db, conference, {
        totalQuantity: t.stock,
        limitPerUser: t.limitPerUser,
        price: 1000,
      }),
    );
  const voucher =
    shop.voucherUses > 0 ? await makeVoucher(db, conference, { maxUses: shop.voucherUses }) : null;
  const condition =
    shop.conditionUnits > 0
      ? await makeCondition(db, conference, {
          usageLimit: shop.conditionUnits,
          ticketTypes: tickets,
        })
      : null;
  const buyers = await makeBuyers(db, shop.buyers.length);
  const all = tickets.map((t) => ({ kind: 'ticket' as const, product: t }));
  const scope = countScopeOf(conference, randomUUID(), all, {
    voucherId: voucher?.id ?? null,
    limitedConditionIds: condition ? [condition.id] : [],
  });
  const placements = [];
  for (const [index, wants] of shop.buyers.entries()) {
    const buyerId = buyers[index]!.id;
    const [cart] = await db
      .insert(carts)
      .values({ userId: buyerId, conferenceId: conference.id, createdAt: AT, updatedAt: AT })
      .returning();
    const lines = tickets.flatMap((product, i) =>
      (wants[i] ?? 0) > 0 ? [{ kind: 'ticket' as const, product, quantity: wants[i] ?? 0 }] : [],
    );
    const units = lines.reduce((sum, l) => sum + l.quantity, 0);
    const usage: CountBound[] = [];
    if (voucher) usage.push(oneMoreVoucherUse(voucher));
    if (condition)
      usage.push({ count: 'conditionUnits', id: condition.id, max: shop.conditionUnits - units });
    const plan = planConsumption({
      conference,
      buyerId,
      lines,
      voucherId: voucher?.id ?? null,
      limitedConditionIds: condition ? [condition.id] : [],
      usage,
      spendsCredit: false,
    });
    const orderId = randomUUID();
    placements.push({
      plan: { ...plan, scope: { ...scope, buyerId } },
      buyerId,
      cart: { id: cart!.id, version: AT },
      at: AT,
      order: completeRowToJson(orders, {
        id: orderId,
        conferenceId: conference.id,
        userId: buyerId,
        status: 'pending',
        reference: `ORD-${randomBytes(5).toString('hex').toUpperCase()}`,
        currency: conference.currency,
        subtotal: units * 1000,
        total: units * 1000,
        voucherId: voucher?.id ?? null,
        holdExpiresAt: HOLD,
        createdAt: AT,
        updatedAt: AT,
      }),
      lines: lines.map((line, i) =>
        completeRowToJson(orderLines, {
          id: randomUUID(),
          orderId,
          conferenceId: conference.id,
          productKind: 'ticket',
          ticketTypeId: line.product.id,
          description: line.product.name,
          quantity: line.quantity,
          unitPrice: 1000,
          lineTotal: line.quantity * 1000,
          conditionId: condition ? condition.id : null,
          conditionUnits: condition ? line.quantity : 0,
          sortOrder: i,
          createdAt: AT,
        }),
      ),
    });
  }
  return { conference, scope, placements };
}

/** Outcomes and counts with the ids of one copy of the shop replaced by their positions. */
function comparable(staged: Stage, outcomes: PlacementOutcome[], counts: CartCounts) {
  const position = new Map<string, string>();
  staged.scope.ticketTypeIds.forEach((id, i) => position.set(id, `ticket ${i}`));
  staged.scope.limitedConditionIds.forEach((id) => position.set(id, 'condition'));
  const mapOf = (map: ReadonlyMap<string, number>) =>
    Object.fromEntries(
      [...map]
        .filter(([, units]) => units !== 0)
        .map(([id, units]) => [position.get(id) ?? id, units])
        .sort(([a], [b]) => String(a).localeCompare(String(b))),
    );
  const shape = (c: CartCounts) => ({
    tickets: mapOf(c.soldByTicketType),
    venue: c.venueUnits,
    voucherUses: c.voucherUses,
    conditionUnits: mapOf(c.conditionUnits),
  });
  return {
    outcomes: outcomes.map((o) =>
      o.status === 'stale' ? { status: o.status, counts: shape(o.counts) } : { status: o.status },
    ),
    counts: shape(counts),
  };
}

async function countsAfter(db: Database, staged: Stage): Promise<CartCounts> {
  const [row] = await queryRows<{ counts: unknown }>(
    db,
    sql`SELECT (${countsJson(staged.scope, AT)}) AS counts`,
  );
  return countsOf(row?.counts);
}

describeEachBackend(
  'a batch places exactly what the same checkouts one after another would',
  (ctx) => {
    it('LOCK batch = sequence, on random small shops (property)', async () => {
      await fc.assert(
        fc.asyncProperty(shopArb, async (shop) => {
          const alone = await stage(ctx.db, shop);
          const oneByOne: PlacementOutcome[] = [];
          for (const placement of alone.placements) {
            const [outcome] = await placeBatch(ctx.db, [batchEntryOf(placement, true)], true);
            oneByOne.push(outcome!);
          }
          const together = await stage(ctx.db, shop);
          const batched = await placeBatch(
            ctx.db,
            together.placements.map((p) => batchEntryOf(p, true)),
            true,
          );
          expect(comparable(together, batched, await countsAfter(ctx.db, together))).toEqual(
            comparable(alone, oneByOne, await countsAfter(ctx.db, alone)),
          );
        }),
        { numRuns: 30 },
      );
    });
  },
);
