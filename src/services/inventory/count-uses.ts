import { and, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { orderLines, orders } from '../../db/schema/index.ts';
import { isLineHoldingUses, isOrderHoldingUses } from './counted-orders.ts';

/** Orders counted against each voucher (VOU-7), derived from orders rather than a counter. */
export async function countVoucherUses(
  db: Database,
  voucherIds: readonly string[],
  now: Date,
): Promise<Map<string, number>> {
  const uses = new Map<string, number>();
  if (voucherIds.length === 0) return uses;
  const rows = await db
    .select({ voucherId: orders.voucherId, uses: sql<string>`count(*)` })
    .from(orders)
    .where(and(inArray(orders.voucherId, [...voucherIds]), isOrderHoldingUses(now)))
    .groupBy(orders.voucherId);
  for (const row of rows) if (row.voucherId) uses.set(row.voucherId, Number(row.uses));
  return uses;
}

/** Units each condition has discounted in orders that still hold them (D3.6). */
export async function countConditionUnits(
  db: Database,
  conditionIds: readonly string[],
  now: Date,
): Promise<Map<string, number>> {
  const units = new Map<string, number>();
  if (conditionIds.length === 0) return units;
  const rows = await db
    .select({
      conditionId: orderLines.conditionId,
      units: sql<string>`sum(${orderLines.conditionUnits})`,
    })
    .from(orderLines)
    .where(and(inArray(orderLines.conditionId, [...conditionIds]), isLineHoldingUses(now)))
    .groupBy(orderLines.conditionId);
  for (const row of rows) if (row.conditionId) units.set(row.conditionId, Number(row.units));
  return units;
}
