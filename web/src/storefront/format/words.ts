import { readable } from '../../shared/format/labels.ts';
import type { SaleState } from '../api/shapes.ts';

/**
 * The storefront's own words for the API's codes (statuses and payment methods are shared with
 * the emails: shared/format/labels.ts). Unknown codes fall back to a readable form.
 */

export const SALE_STATE_WORDS: Record<SaleState, string> = {
  on_sale: 'On sale',
  sold_out: 'Sold out',
  not_yet_on_sale: 'Not on sale yet',
  sales_ended: 'Sales have ended',
  inactive: 'Not available',
  conference_closed: 'Registration is closed',
};

const DISCOUNT_REASONS: Record<string, string> = {
  EARLY_BIRD_WINDOW: 'early-bird price while the offer lasts',
  EARLY_BIRD_WINDOW_LIMIT_PARTIAL: 'early-bird price on the units still left at that price',
  SPEAKER_PRESENTER: 'you are speaking at this conference',
  SPEAKER_COPRESENTER: 'you co-present a talk at this conference',
  GROUP_MEMBER: 'you belong to a group this discount is for',
  INCLUDED_WITH_TICKET: 'included with a ticket you already bought',
  PRODUCT_DISCOUNT: 'automatic discount on this item',
  PRODUCT_DISCOUNT_LIMIT_PARTIAL: 'automatic discount on the units still left at that price',
  CATEGORY_DISCOUNT: 'automatic discount on this kind of item',
  CATEGORY_DISCOUNT_LIMIT_PARTIAL: 'automatic discount on the units still left at that price',
  VOUCHER_COMP: 'your voucher makes this free',
  VOUCHER_PERCENTAGE: 'your voucher takes a percentage off',
  VOUCHER_FIXED_SHARE: "this item's share of your voucher's fixed amount",
};

const VOUCHER_REASONS: Record<string, string> = {
  VOUCHER_INACTIVE: 'This voucher is no longer active.',
  VOUCHER_USED_UP: 'This voucher has been used as many times as it allows.',
  VOUCHER_NOT_YET_VALID: 'This voucher is not valid yet.',
  VOUCHER_EXPIRED: 'This voucher has expired.',
  VOUCHER_NO_APPLICABLE_LINES: 'Nothing in your cart is covered by this voucher yet.',
  VOUCHER_ZERO_VALUE: 'This voucher unlocks tickets; it does not take money off.',
};

export function discountReason(code: string): string {
  return DISCOUNT_REASONS[code] ?? readable(code).toLowerCase();
}

export function voucherReason(code: string | null): string {
  return code ? (VOUCHER_REASONS[code] ?? `${readable(code)}.`) : '';
}
