import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { defineStatement } from '../../db/cached-statements.ts';
import { rowFromJson, type JsonRecord } from '../../db/json-rows.ts';
import { lockNamesOf } from '../../db/locks.ts';
import { orderLines, orders, type Order, type OrderLine } from '../../db/schema/index.ts';
import type { CountBound } from '../../domain/stock-rules.ts';
import type { ConsumptionPlan } from './consumption-plan.ts';
import { countsOf, type CartCounts } from './count-for-cart.ts';
import {
  batchAnswerShape,
  COUNT_PATHS,
  type BatchAnswer,
  type BatchEntryJson,
  type BoundJson,
} from './sql-shapes.ts';

/** A consumption that writes an order: the plan, and the rows to write when it holds. */
export interface Placement {
  plan: ConsumptionPlan;
  buyerId: string;
  /** The cart as priced: the order is written only while the cart is still this version. */
  cart: { id: string; version: Date };
  at: Date;
  /** Complete rows (`completeRowToJson`), written as they are. */
  order: JsonRecord;
  lines: JsonRecord[];
}

export type PlacementOutcome =
  | { status: 'placed'; order: Order; lines: OrderLine[] }
  /** A count moved past its bound; nothing was written. */
  | { status: 'stale'; counts: CartCounts }
  | { status: 'cart_changed' };

/** The plan's bounds as the database reads them: a path into the counts JSON and a limit. */
export function boundsJson(bounds: readonly CountBound[]): BoundJson[] {
  return bounds.map(({ count, id, max, equals }) => {
    const path = id === undefined ? [COUNT_PATHS[count]] : [COUNT_PATHS[count], id];
    return max !== undefined ? { path, max } : { path, equals: equals ?? 0 };
  });
}

/** One checkout of a batch: what the statement reads, and how it was batched. */
export interface BatchEntry {
  sent: BatchEntryJson;
  plan: ConsumptionPlan;
}

export function batchEntryOf(placement: Placement, withBounds: boolean): BatchEntry {
  return {
    sent: {
      buyer: placement.buyerId,
      bounds: withBounds ? boundsJson(placement.plan.bounds) : [],
      cart: placement.cart.id,
      version: placement.cart.version.toISOString(),
      at: placement.at.toISOString(),
      order: placement.order,
      lines: placement.lines,
    },
    plan: placement.plan,
  };
}

const sorted = (ids: readonly string[]) => [...ids].sort();

/** Entries of one batch key share their scope and lock keys; only the buyer differs. */
export function batchKeyOf(entry: BatchEntry): string {
  const { scope } = entry.plan;
  return JSON.stringify([
    scope.conferenceId,
    sorted(scope.ticketTypeIds),
    sorted(scope.addonIds),
    scope.venue,
    scope.voucherId,
    sorted(scope.limitedConditionIds),
    sorted(entry.plan.keys.filter((k) => k.kind !== 'buyer').map((k) => `${k.kind}:${k.id}`)),
  ]);
}

interface PlaceValues extends Record<string, unknown> {
  locks: string[];
  conferenceId: string;
  tickets: readonly string[];
  addons: readonly string[];
  venue: boolean;
  voucherId: string | null;
  conditions: readonly string[];
  at: string;
  orders: string;
}

const placeOrders = defineStatement<PlaceValues, { answer: unknown }>(
  (v) => sql`SELECT lanyard_place_orders(${v.locks}::text[], ${v.conferenceId}::uuid,
      ${v.tickets}::uuid[], ${v.addons}::uuid[], ${v.venue}::boolean, ${v.voucherId}::uuid,
      ${v.conditions}::uuid[], ${v.at}::timestamptz, ${v.orders}::jsonb) AS answer`,
);

function outcomeOf(answer: BatchAnswer, index: number): PlacementOutcome {
  const outcome = answer.outcomes[index];
  if (!outcome) throw new Error(`lanyard_place_orders answered no outcome for entry ${index}`);
  if (outcome.status === 'stale') return { status: 'stale', counts: countsOf(outcome.counts) };
  if (outcome.status === 'cart_changed') return outcome;
  const order = answer.orders[outcome.order];
  const lines = answer.lines[outcome.order];
  if (!order || !lines) throw new Error(`lanyard_place_orders placed ${outcome.order} unseen`);
  return {
    status: 'placed',
    order: rowFromJson(orders, order),
    lines: lines.map((line) => rowFromJson(orderLines, line)),
  };
}

/**
 * D2.2 with no round trip under the lock (`lanyard_place_orders`): locks, counts, checks each
 * entry's bounds against the counts plus what the entries before it took, closes the carts and
 * writes the orders with their lines, in one statement of its own (outside any transaction).
 */
export async function placeBatch(
  db: Database,
  entries: readonly BatchEntry[],
  withLocks: boolean,
): Promise<PlacementOutcome[]> {
  const [first] = entries;
  if (!first) return [];
  const { scope } = first.plan;
  const [row] = await placeOrders(db, {
    locks: withLocks ? [...new Set(entries.flatMap((e) => lockNamesOf(e.plan.keys)))] : [],
    conferenceId: scope.conferenceId,
    tickets: scope.ticketTypeIds,
    addons: scope.addonIds,
    venue: scope.venue,
    voucherId: scope.voucherId,
    conditions: scope.limitedConditionIds,
    // The earliest time of the batch: holds that expire within it still count.
    at: entries.map((e) => e.sent.at).reduce((a, b) => (a < b ? a : b)),
    orders: JSON.stringify(entries.map((e) => e.sent)),
  });
  if (!row) throw new Error('lanyard_place_orders returned no row');
  const answer = batchAnswerShape.parse(row.answer);
  return entries.map((_, index) => outcomeOf(answer, index));
}
