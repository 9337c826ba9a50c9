import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { queryRows } from '../../db/raw.ts';
import { isCountedOrder, isOrderHoldingUses } from './counted-orders.ts';

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

interface CountsRow {
  tickets: Record<string, string> | null;
  addons: Record<string, string> | null;
  venue: string | null;
  held: Record<string, string> | null;
  voucher_uses: string | null;
  condition_units: Record<string, string> | null;
}

function uuids(ids: readonly string[]): SQL {
  if (ids.length === 0) return sql`'{}'::uuid[]`;
  return sql`ARRAY[${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;
}

function toCounts(json: Record<string, string> | null): Map<string, number> {
  return new Map(Object.entries(json ?? {}).map(([id, units]) => [id, Number(units)]));
}

const LINE_UNITS = sql`sum(order_lines.quantity - order_lines.cancelled_quantity)`;
const LINES_OF_ORDERS = sql`order_lines JOIN orders ON orders.id = order_lines.order_id`;

/** Units per key in counted orders as a JSON object, for the rows `where` selects. */
function unitsBy(key: SQL, where: SQL, units: SQL = LINE_UNITS): SQL {
  return sql`(SELECT json_object_agg(id, units) FROM (
    SELECT ${key} AS id, ${units} AS units FROM ${LINES_OF_ORDERS} WHERE ${where} GROUP BY 1) AS grouped)`;
}

/**
 * Everything a cart change or a checkout counts, in ONE statement (each round trip matters while
 * checkout holds its locks): stock per product, venue units, the buyer's holdings (D2.4),
 * voucher uses (VOU-7) and condition units (D3.6), each with the shared order definitions.
 */
export async function countForCart(
  db: Database,
  scope: CartCountScope,
  now: Date,
): Promise<CartCounts> {
  const counted = isCountedOrder(now);
  const holding = isOrderHoldingUses(now);
  const tickets = uuids(scope.ticketTypeIds);
  const [row] = await queryRows<CountsRow>(
    db,
    sql`SELECT
      ${unitsBy(sql`order_lines.ticket_type_id`, sql`order_lines.ticket_type_id = ANY(${tickets}) AND ${counted}`)} AS tickets,
      ${unitsBy(sql`order_lines.addon_id`, sql`order_lines.addon_id = ANY(${uuids(scope.addonIds)}) AND ${counted}`)} AS addons,
      ${scope.venue ? sql`(SELECT ${LINE_UNITS} FROM ${LINES_OF_ORDERS} WHERE orders.conference_id = ${scope.conferenceId} AND order_lines.product_kind = 'ticket' AND ${counted})` : sql`0`} AS venue,
      ${unitsBy(sql`order_lines.ticket_type_id`, sql`orders.user_id = ${scope.buyerId} AND orders.conference_id = ${scope.conferenceId} AND order_lines.ticket_type_id = ANY(${tickets}) AND ${counted}`)} AS held,
      ${scope.voucherId ? sql`(SELECT count(*) FROM orders WHERE orders.voucher_id = ${scope.voucherId} AND ${holding}${scope.excludeOrderId ? sql` AND orders.id <> ${scope.excludeOrderId}` : sql``})` : sql`0`} AS voucher_uses,
      ${unitsBy(sql`order_lines.condition_id`, sql`order_lines.condition_id = ANY(${uuids(scope.limitedConditionIds)}) AND ${holding}`, sql`sum(order_lines.condition_units)`)} AS condition_units`,
  );
  if (!row) throw new Error('cart counts returned no row');
  return {
    soldByTicketType: toCounts(row.tickets),
    soldByAddon: toCounts(row.addons),
    venueUnits: Number(row.venue ?? 0),
    heldByBuyer: toCounts(row.held),
    voucherUses: Number(row.voucher_uses ?? 0),
    conditionUnits: toCounts(row.condition_units),
  };
}
