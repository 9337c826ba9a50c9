import type { Database } from '../../db/client.ts';
import type { LockKey } from '../../db/locks.ts';
import type { Conference } from '../../db/schema/index.ts';
import {
  isUnitLimited,
  type PricingCondition,
  type PricingVoucher,
} from '../../domain/pricing/index.ts';
import type { StockFacts } from '../../domain/stock-rules.ts';
import type { CartLine } from '../cart/index.ts';
import { countCart, stockFactsOf, voucherGateOf } from '../cart/index.ts';
import type { CartCounts } from '../inventory/index.ts';

export interface Recount {
  facts: StockFacts;
  voucher: PricingVoucher | null;
  conditions: PricingCondition[];
}

/**
 * Takes the consumption locks and counts everything checkout needs, in one statement and one
 * round trip (D2.2: lock first, then count, in a fresh snapshot).
 */
export async function lockAndRecount(
  tx: Database,
  keys: readonly LockKey[],
  conference: Conference,
  buyerId: string,
  lines: readonly CartLine[],
  voucher: PricingVoucher | null,
  conditions: readonly PricingCondition[],
  now: Date,
  /** The order being placed, written before the lock: its own voucher use is not a competitor's. */
  ownOrderId: string,
): Promise<Recount> {
  const limitedConditionIds = conditions.filter(isUnitLimited).map((c) => c.id);
  const counts = await countCart(tx, conference, buyerId, lines, now, {
    voucherId: voucher?.id ?? null,
    limitedConditionIds,
    excludeOrderId: ownOrderId,
    lockFirst: keys,
  });
  return recountOf(counts, conference, voucher, conditions, now);
}

/** What checkout decides with, given counts taken under the locks. */
export function recountOf(
  counts: CartCounts,
  conference: Conference,
  voucher: PricingVoucher | null,
  conditions: readonly PricingCondition[],
  now: Date,
): Recount {
  const freshVoucher = voucher ? { ...voucher, usesCount: counts.voucherUses } : null;
  return {
    voucher: freshVoucher,
    conditions: conditions.map((c) =>
      isUnitLimited(c) ? { ...c, unitsUsed: counts.conditionUnits.get(c.id) ?? 0 } : c,
    ),
    facts: stockFactsOf(conference, counts, voucherGateOf(freshVoucher, now), now),
  };
}
