import type { Database } from '../../db/client.ts';
import type { Conference } from '../../db/schema/index.ts';
import type { PricingCondition, PricingVoucher } from '../../domain/pricing/index.ts';
import type { StockFacts } from '../../domain/stock-rules.ts';
import type { CartLine } from '../cart/index.ts';
import { countCart, stockFactsOf, voucherGateOf } from '../cart/index.ts';

export interface Recount {
  facts: StockFacts;
  voucher: PricingVoucher | null;
  conditions: PricingCondition[];
}

/** Every count checkout needs after taking its locks, in one statement (the lock is held meanwhile). */
export async function recountUnderLock(
  tx: Database,
  conference: Conference,
  buyerId: string,
  lines: readonly CartLine[],
  voucher: PricingVoucher | null,
  conditions: readonly PricingCondition[],
  now: Date,
  /** The order being placed, written before the lock: its own voucher use is not a competitor's. */
  ownOrderId: string,
): Promise<Recount> {
  const limitedConditionIds = conditions.filter((c) => c.usageLimit > 0).map((c) => c.id);
  const counts = await countCart(tx, conference, buyerId, lines, now, {
    voucherId: voucher?.id ?? null,
    limitedConditionIds,
    excludeOrderId: ownOrderId,
  });
  const freshVoucher = voucher ? { ...voucher, usesCount: counts.voucherUses } : null;
  return {
    voucher: freshVoucher,
    conditions: conditions.map((c) =>
      c.usageLimit > 0 ? { ...c, unitsUsed: counts.conditionUnits.get(c.id) ?? 0 } : c,
    ),
    facts: stockFactsOf(conference, counts, voucherGateOf(freshVoucher, now), now),
  };
}
