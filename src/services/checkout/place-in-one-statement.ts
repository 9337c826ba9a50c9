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
  countsOf,
  type BoundJson,
  type CartCounts,
  type CartCountScope,
  type CountsJson,
} from '../inventory/index.ts';
import { createBatcher } from './batches.ts';
import { checkoutErrors } from './errors.ts';
import { CHECKOUTS_IN_FLIGHT_PER_KEY, queueKeysOf, runInLocalQueue } from './local-queue.ts';
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
  /** The id of the order written, when placed. */
  order?: string;
  counts?: CountsJson;
}

interface BatchAnswer {
  outcomes: OutcomeJson[];
  orders: Record<string, JsonRecord>;
  lines: Record<string, JsonRecord[]>;
}

function outcomeOf(json: OutcomeJson | undefined, answer: BatchAnswer): OneStatementOutcome {
  const order = json?.order === undefined ? undefined : answer.orders[json.order];
  const lines = json?.order === undefined ? undefined : answer.lines[json.order];
  if (json?.status === 'placed' && order && lines) {
    return {
      status: 'placed',
      order: rowFromJson(orders, order),
      lines: lines.map((line) => rowFromJson(orderLines, line)),
    };
  }
  if (json?.status === 'stale') return { status: 'stale', counts: countsOf(json.counts) };
  if (json?.status === 'cart_changed') return { status: 'cart_changed' };
  throw new Error(`lanyard_place_orders answered ${JSON.stringify(json)}`);
}

/** One checkout of a batch, as `lanyard_place_orders` reads it. */
interface SentEntry {
  buyer: string;
  bounds: BoundJson[];
  cart: string;
  version: string;
  at: string;
  order: JsonRecord;
  lines: JsonRecord[];
}

interface BatchEntry {
  sent: SentEntry;
  /** The batch's scope and locks: the same for every entry of a batch key but the buyer's lock. */
  scope: CartCountScope;
  locks: string[];
  queueKeys: string[];
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

const placeOrders = defineStatement<PlaceValues, { answer: BatchAnswer }>(
  (v) => sql`SELECT lanyard_place_orders(${v.locks}::text[], ${v.conferenceId}::uuid,
      ${v.tickets}::uuid[], ${v.addons}::uuid[], ${v.venue}::boolean, ${v.voucherId}::uuid,
      ${v.conditions}::uuid[], ${v.at}::timestamptz, ${v.orders}::jsonb) AS answer`,
);

async function placeBatch(
  db: Database,
  entries: readonly BatchEntry[],
): Promise<OneStatementOutcome[]> {
  const [first] = entries;
  if (!first) return [];
  const { scope } = first;
  const [row] = await runInLocalQueue(first.queueKeys, () =>
    placeOrders(db, {
      locks: [...new Set(entries.flatMap((e) => e.locks))],
      conferenceId: scope.conferenceId,
      tickets: scope.ticketTypeIds,
      addons: scope.addonIds,
      venue: scope.venue,
      voucherId: scope.voucherId,
      conditions: scope.limitedConditionIds,
      // The earliest time of the batch: holds that expire within it still count.
      at: entries.map((e) => e.sent.at).reduce((a, b) => (a < b ? a : b)),
      orders: JSON.stringify(entries.map((e) => e.sent)),
    }),
  );
  if (!row) throw new Error('lanyard_place_orders returned no row');
  return entries.map((_, index) => outcomeOf(row.answer.outcomes[index], row.answer));
}

/** Checkouts of one scope are batched per process: see migration 0010. */
const CHECKOUT_BATCH_SIZE = 32;

const sorted = (ids: readonly string[]) => [...ids].sort();

function batchKey(entry: BatchEntry): string {
  const { scope } = entry;
  return JSON.stringify([
    scope.conferenceId,
    sorted(scope.ticketTypeIds),
    sorted(scope.addonIds),
    scope.venue,
    scope.voucherId,
    sorted(scope.limitedConditionIds),
    sorted(entry.queueKeys),
  ]);
}

type Submit = (key: string, entry: BatchEntry) => Promise<OneStatementOutcome>;

// One batcher per database: a process may serve several (the tests run both backends at once).
const batchers = new WeakMap<Database, Submit>();

function batcherOf(db: Database): Submit {
  let submit = batchers.get(db);
  if (!submit) {
    submit = createBatcher<BatchEntry, OneStatementOutcome>(
      (_key, entries) => placeBatch(db, entries),
      {
        // As CHECKOUTS_IN_FLIGHT_PER_KEY: the next batch waits at PostgreSQL for the lock.
        maxInFlight: CHECKOUTS_IN_FLIGHT_PER_KEY,
        maxSize: CHECKOUT_BATCH_SIZE,
        conflict: (a, b) => a.sent.buyer === b.sent.buyer,
      },
    );
    batchers.set(db, submit);
  }
  return submit;
}

function attempt(db: Database, request: OneStatementRequest): Promise<OneStatementOutcome> {
  const { draft, cart } = request;
  const order = { ...orderValues(draft), id: randomUUID() };
  const lines = orderLineValues({ id: order.id, conferenceId: order.conferenceId }, draft);
  const scope = countScopeOf(draft.conference, draft.buyerId, draft.lines, {
    voucherId: request.voucherId,
    limitedConditionIds: request.limitedConditionIds,
  });
  const entry: BatchEntry = {
    sent: {
      buyer: draft.buyerId,
      bounds: boundsJson(request.bounds),
      cart: cart.id,
      version: cart.updatedAt.toISOString(),
      at: draft.now.toISOString(),
      order: completeRowToJson(orders, order),
      lines: lines.map((line) => completeRowToJson(orderLines, { ...line, id: randomUUID() })),
    },
    scope,
    locks: lockNamesOf(request.keys),
    queueKeys: queueKeysOf(request.keys),
  };
  return batcherOf(db)(batchKey(entry), entry);
}

/**
 * D2.2 with no round trip under the lock: locks, counts, checks `bounds`, closes the cart and
 * writes the order with its lines in one statement (migrations 0006, 0010), together with the
 * checkouts of the same products that queued meanwhile. It runs outside any transaction, so the
 * statement is its own. A drawn reference that collides is drawn again.
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
