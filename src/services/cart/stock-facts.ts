import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { orderLines, orders, type Conference } from '../../db/schema/index.ts';
import type { StockFacts, StockLine, VoucherGate } from '../../domain/stock-rules.ts';
import { countSoldFor, isCountedOrder } from '../inventory/index.ts';

/** Units of each ticket type the buyer holds in counted orders (D2.4: pending holds count too). */
export async function countHeldByBuyer(
  db: Database,
  userId: string,
  conferenceId: string,
  ticketTypeIds: readonly string[],
  now: Date,
): Promise<Map<string, number>> {
  const held = new Map<string, number>();
  if (ticketTypeIds.length === 0) return held;
  const rows = await db
    .select({
      id: orderLines.ticketTypeId,
      units: sql<string>`sum(${orderLines.quantity} - ${orderLines.cancelledQuantity})`,
    })
    .from(orderLines)
    .innerJoin(orders, eq(orders.id, orderLines.orderId))
    .where(
      and(
        eq(orders.userId, userId),
        eq(orders.conferenceId, conferenceId),
        isCountedOrder(now),
        isNotNull(orderLines.ticketTypeId),
        inArray(orderLines.ticketTypeId, [...ticketTypeIds]),
      ),
    )
    .groupBy(orderLines.ticketTypeId);
  for (const row of rows) if (row.id) held.set(row.id, Number(row.units));
  return held;
}

/** Counts for exactly the products in the cart (and the venue when capped), never the whole conference. */
export async function loadStockFacts(
  db: Database,
  conference: Conference,
  buyerId: string,
  lines: readonly StockLine[],
  voucher: VoucherGate | null,
  now: Date,
): Promise<StockFacts> {
  const ticketTypeIds = lines.filter((l) => l.kind === 'ticket').map((l) => l.product.id);
  const addonIds = lines.filter((l) => l.kind === 'addon').map((l) => l.product.id);
  const venue = conference.totalCapacity > 0 && ticketTypeIds.length > 0;
  const [sold, heldByBuyer] = await Promise.all([
    countSoldFor(db, conference.id, { ticketTypeIds, addonIds, venue }, now),
    countHeldByBuyer(db, buyerId, conference.id, ticketTypeIds, now),
  ]);
  return {
    conference,
    soldByTicketType: sold.byTicketType,
    soldByAddon: sold.byAddon,
    soldTicketUnits: sold.ticketUnits,
    heldByBuyer,
    voucher,
    now,
  };
}
