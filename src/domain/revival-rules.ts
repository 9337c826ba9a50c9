import { isUnitLimited, oneMoreVoucherUse, type PricingCondition } from './pricing/index.ts';
import {
  mergedByProduct,
  stockBounds,
  type BoundedLine,
  type CountBound,
  type CountName,
} from './stock-rules.ts';

/** What a lapsed order took when it was placed, and so must take again to come back (D2.6). */
export interface LapsedOrder {
  lines: readonly BoundedLine[];
  voucher: { id: string; maxUses: number } | null;
  /** Units a condition discounted in the order's lines, once per line. */
  discountedUnits: ReadonlyArray<{
    condition: Pick<PricingCondition, 'id' | 'kind' | 'usageLimit'>;
    units: number;
  }>;
}

/**
 * D2.6 under D2.2: a lapsed order comes back only when everything it took is there to take
 * again, counted without it. Stock, venue and the per-user limit exactly as at checkout
 * (`stockBounds`), one more use of its voucher (VOU-3), and its discounted units within each
 * limited condition (D3.6). The price stays the one the buyer paid, so nothing is re-priced.
 */
export function revivalBounds(
  order: LapsedOrder,
  conference: { totalCapacity: number },
): CountBound[] {
  return [...stockBounds(mergedByProduct(order.lines), conference), ...revivalUsage(order)];
}

/** The part of `revivalBounds` beyond stock: one more use of its voucher, its discounted units. */
export function revivalUsage(order: LapsedOrder): CountBound[] {
  const bounds: CountBound[] = [];
  if (order.voucher) bounds.push(oneMoreVoucherUse(order.voucher));
  const units = new Map<string, { limit: number; units: number }>();
  for (const { condition, units: lineUnits } of order.discountedUnits) {
    if (!isUnitLimited(condition) || lineUnits === 0) continue;
    const seen = units.get(condition.id);
    units.set(condition.id, {
      limit: condition.usageLimit,
      units: (seen?.units ?? 0) + lineUnits,
    });
  }
  for (const [id, { limit, units: taken }] of units)
    bounds.push({ count: 'conditionUnits', id, max: limit - taken });
  return bounds;
}

/** Why a lapsed order could not come back, by the count that ran past its bound. */
export function revivalRefusal(count: CountName): string {
  switch (count) {
    case 'ticketSold':
    case 'addonSold':
    case 'venueUnits':
      return 'its items sold out';
    case 'heldByBuyer':
      return 'the buyer has since reached the per-person limit';
    case 'voucherUses':
      return 'its voucher was used up';
    case 'conditionUnits':
      return 'its discount ran out';
  }
}
