import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { orderLines, orders } from '../../db/schema/index.ts';
import { isCountedOrder } from './counted-orders.ts';

export interface SoldCounts {
  byTicketType: Map<string, number>;
  byAddon: Map<string, number>;
  /** INV-3: every counted ticket unit of the conference, including lines whose ticket type was deleted. */
  ticketUnits: number;
}

/** Units sold per product of one conference, derived from order lines in one grouped query. */
export async function countSold(
  db: Database,
  conferenceId: string,
  now: Date,
): Promise<SoldCounts> {
  const rows = await db
    .select({
      productKind: orderLines.productKind,
      ticketTypeId: orderLines.ticketTypeId,
      addonId: orderLines.addonId,
      units: sql<string>`sum(${orderLines.quantity} - ${orderLines.cancelledQuantity})`,
    })
    .from(orderLines)
    .innerJoin(orders, eq(orders.id, orderLines.orderId))
    .where(and(eq(orders.conferenceId, conferenceId), isCountedOrder(now)))
    .groupBy(orderLines.productKind, orderLines.ticketTypeId, orderLines.addonId);

  const counts: SoldCounts = { byTicketType: new Map(), byAddon: new Map(), ticketUnits: 0 };
  for (const row of rows) {
    const units = Number(row.units);
    if (row.productKind === 'ticket') {
      counts.ticketUnits += units;
      if (row.ticketTypeId) counts.byTicketType.set(row.ticketTypeId, units);
    } else if (row.addonId) {
      counts.byAddon.set(row.addonId, units);
    }
  }
  return counts;
}

/** CAT-2: null when unlimited (total 0); may be negative when stock was lowered below sales. */
export function remainingOf(totalQuantity: number, sold: number): number | null {
  return totalQuantity === 0 ? null : totalQuantity - sold;
}
