import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { carts, type Conference } from '../../db/schema/index.ts';
import { isVoucherUsable } from '../../domain/pricing/index.ts';
import { withTx } from '../../db/transactions.ts';
import { findVoucherByCode, loadPricingVoucher } from '../pricing/index.ts';
import { cartErrors } from './errors.ts';
import { assertCartOpen, getOrCreateOpenCart } from './open-cart.ts';

export interface VoucherInput {
  userId: string;
  conference: Conference;
  now: Date;
}

/** CART-13: attach a usable voucher, replacing any other; applying consumes no use (VOU-7). */
export async function applyVoucher(
  db: Database,
  input: VoucherInput & { code: string },
): Promise<void> {
  await withTx(db, async (tx) => {
    const cart = await getOrCreateOpenCart(tx, input.userId, input.conference, input.now);
    assertCartOpen(cart, input.now);
    const voucher = await findVoucherByCode(tx, input.conference.id, input.code);
    if (!voucher)
      throw cartErrors(
        'VOUCHER_NOT_FOUND',
        { code: input.code.trim() },
        `We could not find the voucher code "${input.code.trim()}".`,
      );
    const priced = await loadPricingVoucher(tx, voucher.id, input.now);
    const usable = priced
      ? isVoucherUsable(priced, input.now)
      : { ok: false as const, reasonCode: 'VOUCHER_INACTIVE' as const };
    if (!usable.ok) {
      throw cartErrors(
        'VOUCHER_INVALID',
        { code: voucher.code, reason: usable.reasonCode },
        `The voucher ${voucher.code} can no longer be used.`,
      );
    }
    await tx
      .update(carts)
      .set({ voucherId: voucher.id, updatedAt: input.now })
      .where(eq(carts.id, cart.id));
  });
}

export async function removeVoucher(db: Database, input: VoucherInput): Promise<void> {
  await withTx(db, async (tx) => {
    const cart = await getOrCreateOpenCart(tx, input.userId, input.conference, input.now);
    assertCartOpen(cart, input.now);
    await tx
      .update(carts)
      .set({ voucherId: null, updatedAt: input.now })
      .where(eq(carts.id, cart.id));
  });
}
