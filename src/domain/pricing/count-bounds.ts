import type { CountBound } from '../stock-rules.ts';
import { isUnitLimited, remainingAllowance } from './condition-rules.ts';
import type { ConditionUsage, PricingCondition, PricingVoucher } from './types.ts';

/**
 * The counts a price depends on, as bounds for the one-statement checkout (migration 0006): the
 * voucher stays usable while its uses stay below `maxUses` (VOU-3), and a limited condition
 * (D3.6) prices the same while it still leaves this cart the units the cart took.
 *
 * A condition that had room to spare (it discounted fewer units than it had left) was never cut
 * by its allowance, so any count that leaves at least those units gives the same lines, amounts
 * and trace: a `max` bound, which the buyers of a rush can all meet at once. One that ran out
 * within this cart, or had nothing left, prices the same only with exactly the count it was
 * priced with: more room would discount more. Both are property-tested against `priceCart`.
 */
export function pricingBounds(
  conditions: readonly PricingCondition[],
  voucher: Pick<PricingVoucher, 'maxUses'> | null,
  usage: readonly ConditionUsage[],
): CountBound[] {
  const taken = new Map(usage.map((u) => [u.conditionId, u.units]));
  const bounds: CountBound[] = conditions.filter(isUnitLimited).map((c) => {
    const units = taken.get(c.id) ?? 0;
    return units < remainingAllowance(c)
      ? { count: 'conditionUnits', id: c.id, max: c.usageLimit - units }
      : { count: 'conditionUnits', id: c.id, equals: c.unitsUsed };
  });
  if (voucher) bounds.push(oneMoreVoucherUse(voucher));
  return bounds;
}

/** An order may take a voucher while the uses counted without it stay below `maxUses` (VOU-3). */
export function oneMoreVoucherUse(voucher: Pick<PricingVoucher, 'maxUses'>): CountBound {
  return { count: 'voucherUses', max: voucher.maxUses - 1 };
}
