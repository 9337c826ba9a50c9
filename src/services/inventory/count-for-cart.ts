import { is, SQL, sql, type SQLWrapper } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { queryRows } from '../../db/raw.ts';
import type { Conference } from '../../db/schema/index.ts';
import { countsShape } from './sql-shapes.ts';

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

/** Exactly the products of a consumption (and the venue when capped), never the whole conference. */
export function countScopeOf(
  conference: Pick<Conference, 'id' | 'totalCapacity'>,
  buyerId: string,
  lines: ReadonlyArray<{ kind: 'ticket' | 'addon'; product: { id: string } }>,
  options: {
    voucherId?: string | null;
    limitedConditionIds?: readonly string[];
    excludeOrderId?: string | null;
  } = {},
): CartCountScope {
  const ticketTypeIds = [
    ...new Set(lines.filter((l) => l.kind === 'ticket').map((l) => l.product.id)),
  ];
  const addonIds = [...new Set(lines.filter((l) => l.kind === 'addon').map((l) => l.product.id))];
  return {
    conferenceId: conference.id,
    buyerId,
    ticketTypeIds,
    addonIds,
    venue: conference.totalCapacity > 0 && ticketTypeIds.length > 0,
    voucherId: options.voucherId ?? null,
    limitedConditionIds: [...new Set(options.limitedConditionIds ?? [])],
    excludeOrderId: options.excludeOrderId ?? null,
  };
}

/** A typed PostgreSQL array literal of parameters (an empty one needs its type spelled out). */
export function arrayOf(values: readonly string[], type: 'uuid' | 'text'): SQL {
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
export function countArgs(scope: CountArgs, at: Date | SQLWrapper): SQL {
  const time = at instanceof Date ? at.toISOString() : at;
  return sql`${scope.conferenceId}::uuid, ${scope.buyerId}::uuid, ${uuids(scope.ticketTypeIds)},
    ${uuids(scope.addonIds)}, ${scope.venue}::boolean, ${scope.voucherId}::uuid,
    ${uuids(scope.limitedConditionIds)}, ${scope.excludeOrderId}::uuid, ${time}::timestamptz`;
}

/** The counts JSON of `lanyard_cart_counts`, parsed with its one shape (sql-shapes.ts). */
export function countsOf(value: unknown): CartCounts {
  if (value === undefined) throw new Error('cart counts returned no row');
  const json = countsShape.parse(value);
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
  const [row] = await queryRows<{ counts: unknown }>(
    db,
    sql`SELECT (${countsJson(scope, now)}) AS counts`,
  );
  return countsOf(row?.counts);
}

/** The counts as one JSON value, from values or from the slots of a read (see defineRead). */
export function countsJson(scope: CountArgs, at: Date | SQLWrapper): SQL {
  return sql`SELECT lanyard_cart_counts(${countArgs(scope, at)})`;
}
