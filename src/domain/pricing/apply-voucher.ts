import { FULL_BP, ZERO, allocate, min, percentOf, sum, type Money } from '../money.ts';
import { isInScope } from './scope.ts';
import type {
  PricingLine,
  PricingVoucher,
  VoucherKind,
  VoucherLineReasonCode,
  VoucherOutcome,
} from './types.ts';
import { isVoucherUsable } from './voucher-validity.ts';

export interface VoucherPass {
  /** Index-aligned with the input lines. */
  readonly discounts: readonly Money[];
  readonly outcome: VoucherOutcome | null;
}

export const VOUCHER_LINE_REASON: Readonly<Record<VoucherKind, VoucherLineReasonCode>> = {
  comp: 'VOUCHER_COMP',
  percentage: 'VOUCHER_PERCENTAGE',
  fixed_amount: 'VOUCHER_FIXED_SHARE',
};

function sharesFor(voucher: PricingVoucher, posts: readonly Money[]): Money[] {
  switch (voucher.kind) {
    case 'comp':
      return [...posts];
    case 'percentage': {
      // Clamped at 100 % (W-14): the unclamped PRICE-6 share could exceed its line.
      const bp = Math.min(voucher.percentOffBp ?? 0, FULL_BP);
      return posts.map((post) => percentOf(post, bp));
    }
    case 'fixed_amount': {
      // Largest remainder in line order (D3.4) instead of "rest to the last line",
      // which could push a line below zero (PRICE-7, W-13).
      const budget = min(voucher.amountOff ?? ZERO, sum(posts));
      return allocate(budget, posts);
    }
  }
}

/**
 * The single voucher on what conditions left of each line (D3.3, PRICE-5). Only in-scope lines
 * with something left take part (VOU-5); comp and percentage work per line, a fixed amount is
 * one budget for the cart.
 */
export function applyVoucher(
  voucher: PricingVoucher | null,
  lines: readonly PricingLine[],
  postAmounts: readonly Money[],
  now: Date,
): VoucherPass {
  const discounts: Money[] = lines.map(() => ZERO);
  if (voucher === null) return { discounts, outcome: null };
  const base = { id: voucher.id, code: voucher.code, discount: ZERO };
  const usable = isVoucherUsable(voucher, now);
  if (!usable.ok) {
    return { discounts, outcome: { ...base, status: 'invalid', reasonCode: usable.reasonCode } };
  }
  const participating: number[] = [];
  lines.forEach((line, i) => {
    if (isInScope(voucher, line) && (postAmounts[i] ?? ZERO) > 0) participating.push(i);
  });
  if (participating.length === 0) {
    return {
      discounts,
      outcome: { ...base, status: 'not_applicable', reasonCode: 'VOUCHER_NO_APPLICABLE_LINES' },
    };
  }
  const shares = sharesFor(
    voucher,
    participating.map((i) => postAmounts[i] ?? ZERO),
  );
  participating.forEach((lineIndex, k) => {
    discounts[lineIndex] = shares[k] ?? ZERO;
  });
  const discount = sum(discounts);
  if (discount === 0) {
    return {
      discounts,
      outcome: { ...base, status: 'not_applicable', reasonCode: 'VOUCHER_ZERO_VALUE' },
    };
  }
  return { discounts, outcome: { ...base, discount, status: 'applied' } };
}
