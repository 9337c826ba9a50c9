import type { Database } from '../../db/client.ts';
import type { Cart } from '../../db/schema/index.ts';
import { isVoucherUsable, type PricingVoucher } from '../../domain/pricing/index.ts';
import type { VoucherGate } from '../../domain/stock-rules.ts';
import { loadPricingVoucher } from '../pricing/index.ts';

export async function loadCartVoucher(
  db: Database,
  cart: Cart,
  now: Date,
): Promise<PricingVoucher | null> {
  return cart.voucherId ? loadPricingVoucher(db, cart.voucherId, now) : null;
}

/** CART-9 decided: only a voucher that is usable right now unlocks hidden tickets. */
export function voucherGateOf(voucher: PricingVoucher | null, now: Date): VoucherGate | null {
  if (!voucher) return null;
  return {
    unlocks: voucher.unlocksHiddenTickets && isVoucherUsable(voucher, now).ok,
    ticketTypeIds: voucher.ticketTypeIds,
  };
}
