import type { PricingVoucher, VoucherInvalidReason } from './types.ts';
import { isAfterWindow, isBeforeWindow } from './window.ts';

export type VoucherValidityFacts = Pick<
  PricingVoucher,
  'isActive' | 'maxUses' | 'usesCount' | 'validFrom' | 'validUntil'
>;

export type VoucherUsability = { ok: true } | { ok: false; reasonCode: VoucherInvalidReason };

/**
 * VOU-3: active, uses left (maxUses 0 is never usable, VOU-1) and inside the inclusive window.
 * The first failing check names the reason so the cart page can say why (CART-14).
 */
export function isVoucherUsable(voucher: VoucherValidityFacts, now: Date): VoucherUsability {
  if (!voucher.isActive) return { ok: false, reasonCode: 'VOUCHER_INACTIVE' };
  if (voucher.usesCount >= voucher.maxUses) return { ok: false, reasonCode: 'VOUCHER_USED_UP' };
  if (isBeforeWindow(voucher.validFrom, now)) {
    return { ok: false, reasonCode: 'VOUCHER_NOT_YET_VALID' };
  }
  if (isAfterWindow(voucher.validUntil, now)) return { ok: false, reasonCode: 'VOUCHER_EXPIRED' };
  return { ok: true };
}
