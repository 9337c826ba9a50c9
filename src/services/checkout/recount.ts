import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { queryRows } from '../../db/raw.ts';
import type { Conference } from '../../db/schema/index.ts';
import type { PricingCondition, PricingVoucher } from '../../domain/pricing/index.ts';
import type { StockFacts } from '../../domain/stock-rules.ts';
import type { CartLine } from '../cart/index.ts';
import { voucherGateOf } from '../cart/index.ts';
import { isCountedOrder, isOrderHoldingUses } from '../inventory/index.ts';

export interface Recount {
  facts: StockFacts;
  voucher: PricingVoucher | null;
  conditions: PricingCondition[];
}

interface RecountRow {
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

/** Units per product in counted orders, as a JSON object keyed by product id. */
function soldBy(column: SQL, ids: readonly string[], now: Date): SQL {
  return sql`(SELECT json_object_agg(id, units) FROM (
      SELECT ${column} AS id, sum(order_lines.quantity - order_lines.cancelled_quantity) AS units
      FROM order_lines JOIN orders ON orders.id = order_lines.order_id
      WHERE ${column} = ANY(${uuids(ids)}) AND ${isCountedOrder(now)} GROUP BY 1) AS s)`;
}

/**
 * Every count checkout needs after taking its locks, in ONE statement: the lock is held for as
 * few round trips as possible (stock per product, venue units, the buyer's holdings, voucher uses,
 * condition units). Each count uses the shared "counted" and "holding uses" definitions.
 */
export async function recountUnderLock(
  tx: Database,
  conference: Conference,
  buyerId: string,
  lines: readonly CartLine[],
  voucher: PricingVoucher | null,
  conditions: readonly PricingCondition[],
  now: Date,
): Promise<Recount> {
  const ticketTypeIds = lines.filter((l) => l.kind === 'ticket').map((l) => l.product.id);
  const addonIds = lines.filter((l) => l.kind === 'addon').map((l) => l.product.id);
  const limited = conditions.filter((c) => c.usageLimit > 0).map((c) => c.id);
  const venue = conference.totalCapacity > 0 && ticketTypeIds.length > 0;
  const [row] = await queryRows<RecountRow>(
    tx,
    sql`SELECT
      ${soldBy(sql`order_lines.ticket_type_id`, ticketTypeIds, now)} AS tickets,
      ${soldBy(sql`order_lines.addon_id`, addonIds, now)} AS addons,
      ${venue ? sql`(SELECT sum(order_lines.quantity - order_lines.cancelled_quantity) FROM order_lines JOIN orders ON orders.id = order_lines.order_id WHERE orders.conference_id = ${conference.id} AND order_lines.product_kind = 'ticket' AND ${isCountedOrder(now)})` : sql`0`} AS venue,
      (SELECT json_object_agg(id, units) FROM (
        SELECT order_lines.ticket_type_id AS id, sum(order_lines.quantity - order_lines.cancelled_quantity) AS units
        FROM order_lines JOIN orders ON orders.id = order_lines.order_id
        WHERE orders.user_id = ${buyerId} AND orders.conference_id = ${conference.id}
          AND order_lines.ticket_type_id = ANY(${uuids(ticketTypeIds)}) AND ${isCountedOrder(now)} GROUP BY 1) AS h) AS held,
      ${voucher ? sql`(SELECT count(*) FROM orders WHERE orders.voucher_id = ${voucher.id} AND ${isOrderHoldingUses(now)})` : sql`0`} AS voucher_uses,
      (SELECT json_object_agg(id, units) FROM (
        SELECT order_lines.condition_id AS id, sum(order_lines.condition_units) AS units
        FROM order_lines JOIN orders ON orders.id = order_lines.order_id
        WHERE order_lines.condition_id = ANY(${uuids(limited)}) AND ${isOrderHoldingUses(now)} GROUP BY 1) AS c) AS condition_units`,
  );
  if (!row) throw new Error('recount returned no row');
  const units = toCounts(row.condition_units);
  const freshVoucher = voucher ? { ...voucher, usesCount: Number(row.voucher_uses ?? 0) } : null;
  return {
    voucher: freshVoucher,
    conditions: conditions.map((c) =>
      c.usageLimit > 0 ? { ...c, unitsUsed: units.get(c.id) ?? 0 } : c,
    ),
    facts: {
      conference,
      soldByTicketType: toCounts(row.tickets),
      soldByAddon: toCounts(row.addons),
      soldTicketUnits: Number(row.venue ?? 0),
      heldByBuyer: toCounts(row.held),
      voucher: voucherGateOf(freshVoucher, now),
      now,
    },
  };
}
