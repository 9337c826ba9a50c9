import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { completeRowToJson, rowFromJson, type JsonRecord } from '../../db/json-rows.ts';
import { lockNamesOf, type LockKey } from '../../db/locks.ts';
import { isPgError, SQLSTATE } from '../../db/pg-errors.ts';
import { defineStatement } from '../../db/cached-statements.ts';
import {
  orderLines,
  orders,
  type Cart,
  type Order,
  type OrderLine,
} from '../../db/schema/index.ts';
import type { CountBound } from '../../domain/stock-rules.ts';
import { countScopeOf } from '../cart/index.ts';
import {
  boundsJson,
  countArgs,
  countsOf,
  type CartCounts,
  type CountsJson,
} from '../inventory/index.ts';
import { checkoutErrors } from './errors.ts';
import {
  MAX_REFERENCE_ATTEMPTS,
  orderLineValues,
  orderValues,
  type OrderDraft,
} from './write-order.ts';

export interface OneStatementRequest {
  draft: OrderDraft;
  /** The cart as priced: the order is only written while the cart is still this version. */
  cart: Cart;
  keys: readonly LockKey[];
  bounds: readonly CountBound[];
  voucherId: string | null;
  limitedConditionIds: readonly string[];
}

export type OneStatementOutcome =
  | { status: 'placed'; order: Order; lines: OrderLine[] }
  /** A count moved past its bound; nothing was written. */
  | { status: 'stale'; counts: CartCounts }
  | { status: 'cart_changed' };

interface OutcomeJson {
  status: OneStatementOutcome['status'];
  order?: JsonRecord;
  lines?: JsonRecord[];
  counts?: CountsJson;
}

function outcomeOf(json: OutcomeJson | undefined): OneStatementOutcome {
  if (json?.status === 'placed' && json.order && json.lines) {
    return {
      status: 'placed',
      order: rowFromJson(orders, json.order),
      lines: json.lines.map((line) => rowFromJson(orderLines, line)),
    };
  }
  if (json?.status === 'stale') return { status: 'stale', counts: countsOf(json.counts) };
  if (json?.status === 'cart_changed') return { status: 'cart_changed' };
  throw new Error(`lanyard_place_order answered ${JSON.stringify(json)}`);
}

interface PlaceValues extends Record<string, unknown> {
  locks: string[];
  conferenceId: string;
  buyerId: string;
  tickets: readonly string[];
  addons: readonly string[];
  venue: boolean;
  voucherId: string | null;
  conditions: readonly string[];
  at: string;
  bounds: string;
  cartId: string;
  version: string;
  order: string;
  lines: string;
}

const placeOrder = defineStatement<PlaceValues, { outcome: OutcomeJson }>(
  (v) => sql`SELECT lanyard_place_order(${v.locks}::text[],
      ${countArgs(
        {
          conferenceId: v.conferenceId,
          buyerId: v.buyerId,
          ticketTypeIds: sql`${v.tickets}::uuid[]`,
          addonIds: sql`${v.addons}::uuid[]`,
          venue: v.venue,
          voucherId: v.voucherId,
          limitedConditionIds: sql`${v.conditions}::uuid[]`,
          excludeOrderId: null,
        },
        v.at,
      )}, ${v.bounds}::jsonb, ${v.cartId}::uuid, ${v.version}::timestamptz,
      ${v.order}::jsonb, ${v.lines}::jsonb) AS outcome`,
);

async function attempt(db: Database, request: OneStatementRequest): Promise<OneStatementOutcome> {
  const { draft, cart } = request;
  const order = { ...orderValues(draft), id: randomUUID() };
  const lines = orderLineValues({ id: order.id, conferenceId: order.conferenceId }, draft);
  const scope = countScopeOf(draft.conference, draft.buyerId, draft.lines, {
    voucherId: request.voucherId,
    limitedConditionIds: request.limitedConditionIds,
  });
  const [row] = await placeOrder(db, {
    locks: lockNamesOf(request.keys),
    conferenceId: scope.conferenceId,
    buyerId: scope.buyerId,
    tickets: scope.ticketTypeIds,
    addons: scope.addonIds,
    venue: scope.venue,
    voucherId: scope.voucherId,
    conditions: scope.limitedConditionIds,
    at: draft.now.toISOString(),
    bounds: boundsJson(request.bounds),
    cartId: cart.id,
    version: cart.updatedAt.toISOString(),
    order: JSON.stringify(completeRowToJson(orders, order)),
    lines: JSON.stringify(
      lines.map((line) => completeRowToJson(orderLines, { ...line, id: randomUUID() })),
    ),
  });
  return outcomeOf(row?.outcome);
}

/**
 * D2.2 with no round trip under the lock: locks, counts, checks `bounds`, closes the cart and
 * writes the order with its lines in one statement (migration 0006). It runs outside any
 * transaction, so the statement is its own. A drawn reference that collides is drawn again.
 */
export async function placeInOneStatement(
  db: Database,
  request: OneStatementRequest,
): Promise<OneStatementOutcome> {
  for (let tries = 1; ; tries += 1) {
    try {
      return await attempt(db, request);
    } catch (error) {
      if (isPgError(error, SQLSTATE.capacityExceeded)) throw checkoutErrors('SOLD_OUT');
      const collided = isPgError(error, SQLSTATE.uniqueViolation, 'reference');
      if (!collided || tries >= MAX_REFERENCE_ATTEMPTS) throw error;
    }
  }
}
