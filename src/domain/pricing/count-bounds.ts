import type { CountBound } from '../stock-rules.ts';
import { isUnitLimited } from './condition-rules.ts';
import type { PricingCondition, PricingVoucher } from './types.ts';

/**
 * The counts a price depends on, as bounds for the one-statement checkout (migration 0006): the
 * voucher stays usable while its uses stay below `maxUses` (VOU-3), and a condition with a unit
 * limit prices the same only while its used units are exactly what was priced with (D3.6).
 */
export function pricingBounds(
  conditions: readonly PricingCondition[],
  voucher: Pick<PricingVoucher, 'maxUses'> | null,
): CountBound[] {
  const bounds: CountBound[] = conditions
    .filter(isUnitLimited)
    .map((c) => ({ count: 'conditionUnits', id: c.id, equals: c.unitsUsed }));
  if (voucher) bounds.push(oneMoreVoucherUse(voucher));
  return bounds;
}

/** An order may take a voucher while the uses counted without it stay below `maxUses` (VOU-3). */
export function oneMoreVoucherUse(voucher: Pick<PricingVoucher, 'maxUses'>): CountBound {
  return { count: 'voucherUses', max: voucher.maxUses - 1 };
}
