import { is, SQL, sql, type SQLWrapper } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { queryRows } from '../../db/raw.ts';
import { assertInTransaction, lockNamesOf, type LockKey } from '../../db/locks.ts';
import type { CountBound, CountName, CountOf } from '../../domain/stock-rules.ts';

/** Product ids, or SQL for an array of them (add-to-cart counts the cart it reads in the same statement). */
type IdsArg = readonly string[] | SQL;

export interface CartCountScope {
  conferenceId: string;
  buyerId: string;
  ticketTypeIds: readonly string[];
  addonIds: readonly string[];
  /** Count the venue's ticket units too (only when the conference has a cap). */
  venue: boolean;
  voucherId: string | null;
  limitedConditionIds: readonly string[];
  /** An order of this transaction to leave out of the voucher count (checkout writes it first). */
  excludeOrderId: string | null;
}

export interface CartCounts {
  soldByTicketType: Map<string, number>;
  soldByAddon: Map<string, number>;
  venueUnits: number;
  heldByBuyer: Map<string, number>;
  voucherUses: number;
  conditionUnits: Map<string, number>;
}

export interface CountsJson {
  tickets: Record<string, string | number> | null;
  addons: Record<string, string | number> | null;
  venue: string | number | null;
  held: Record<string, string | number> | null;
  voucher_uses: string | number | null;
  condition_units: Record<string, string | number> | null;
}

/** A typed PostgreSQL array literal of parameters (an empty one needs its type spelled out). */
function arrayOf(values: readonly string[], type: 'uuid' | 'text'): SQL {
  const cast = sql.raw(`::${type}[]`);
  if (values.length === 0) return sql`'{}'${cast}`;
  return sql`ARRAY[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]${cast}`;
}

const uuids = (ids: IdsArg) => (is(ids, SQL) ? ids : arrayOf(ids, 'uuid'));

function toCounts(json: Record<string, string | number> | null): Map<string, number> {
  return new Map(Object.entries(json ?? {}).map(([id, units]) => [id, Number(units)]));
}

/** A value, or the slot of a read defined once (see defineRead). */
type Arg<T> = T | SQLWrapper;

/** A count scope whose values may be slots. */
export type CountArgs = {
  [K in keyof CartCountScope]: CartCountScope[K] extends readonly string[]
    ? IdsArg
    : Arg<CartCountScope[K]>;
};

/** The nine arguments of `lanyard_cart_counts`, which the functions built on it share. */
function countArgs(scope: CountArgs, at: Date | SQLWrapper): SQL {
  const time = at instanceof Date ? at.toISOString() : at;
  return sql`${scope.conferenceId}::uuid, ${scope.buyerId}::uuid, ${uuids(scope.ticketTypeIds)},
    ${uuids(scope.addonIds)}, ${scope.venue}::boolean, ${scope.voucherId}::uuid,
    ${uuids(scope.limitedConditionIds)}, ${scope.excludeOrderId}::uuid, ${time}::timestamptz`;
}

export function countsOf(json: CountsJson | undefined): CartCounts {
  if (!json) throw new Error('cart counts returned no row');
  return {
    soldByTicketType: toCounts(json.tickets),
    soldByAddon: toCounts(json.addons),
    venueUnits: Number(json.venue ?? 0),
    heldByBuyer: toCounts(json.held),
    voucherUses: Number(json.voucher_uses ?? 0),
    conditionUnits: toCounts(json.condition_units),
  };
}

/**
 * Everything a cart change or a checkout counts, in ONE statement (migration 0003,
 * `lanyard_cart_counts`): stock per product, venue units, the buyer's holdings (D2.4), voucher
 * uses (VOU-7) and condition units (D3.6), with the shared order definitions.
 */
export async function countForCart(
  db: Database,
  scope: CartCountScope,
  now: Date,
): Promise<CartCounts> {
  const [row] = await queryRows<{ counts: CountsJson }>(
    db,
    sql`SELECT (${countsJson(scope, now)}) AS counts`,
  );
  return countsOf(row?.counts);
}

/** The counts as one JSON value, from values or from the slots of a read (see defineRead). */
export function countsJson(scope: CountArgs, at: Date | SQLWrapper): SQL {
  return sql`SELECT lanyard_cart_counts(${countArgs(scope, at)})`;
}

/**
 * D2.2 in one round trip: takes the consumption locks, then counts in a fresh snapshot inside
 * the same statement (`lanyard_lock_then_count`), so the lock is not held across an extra
 * network round trip between locking and counting.
 */
export async function lockAndCountForCart(
  tx: Database,
  keys: readonly LockKey[],
  scope: CartCountScope,
  now: Date,
): Promise<CartCounts> {
  assertInTransaction(tx);
  const [row] = await queryRows<{ counts: CountsJson }>(
    tx,
    sql`SELECT lanyard_lock_then_count(${arrayOf(lockNamesOf(keys), 'text')}, ${countArgs(scope, now)}) AS counts`,
  );
  return countsOf(row?.counts);
}

/** Where each count sits in the counts JSON. */
const COUNT_KEYS: Record<CountName, keyof CountsJson> = {
  ticketSold: 'tickets',
  addonSold: 'addons',
  heldByBuyer: 'held',
  venueUnits: 'venue',
  voucherUses: 'voucher_uses',
  conditionUnits: 'condition_units',
};

/** A bound as `lanyard_place_orders` reads it: a JSON path into the counts, and the limit. */
export interface BoundJson {
  path: string[];
  max?: number;
  equals?: number;
}

export function boundsJson(bounds: readonly CountBound[]): BoundJson[] {
  return bounds.map(({ count, id, ...limit }) => ({
    path: id === undefined ? [COUNT_KEYS[count]] : [COUNT_KEYS[count], id],
    ...limit,
  }));
}

/** The counts as `brokenBound` reads them (the same names the bounds use). */
export function countOf(counts: CartCounts): CountOf {
  return (count, id) => {
    switch (count) {
      case 'venueUnits':
        return counts.venueUnits;
      case 'voucherUses':
        return counts.voucherUses;
      case 'ticketSold':
        return counts.soldByTicketType.get(id ?? '') ?? 0;
      case 'addonSold':
        return counts.soldByAddon.get(id ?? '') ?? 0;
      case 'heldByBuyer':
        return counts.heldByBuyer.get(id ?? '') ?? 0;
      case 'conditionUnits':
        return counts.conditionUnits.get(id ?? '') ?? 0;
    }
  };
}
