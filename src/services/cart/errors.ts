import { defineErrors, type DomainError } from '../../domain/errors.ts';
import type { StockViolation } from '../../domain/stock-rules.ts';

export const cartErrors = defineErrors({
  CART_EXPIRED: { status: 409, message: 'Your cart has expired. Please add your tickets again.' },
  CART_NOT_OPEN: { status: 409, message: 'This cart has already been checked out.' },
  CART_EMPTY: { status: 409, message: 'Your cart is empty. Add a ticket before checking out.' },
  QTY_TOO_SMALL: { status: 400, message: 'Quantity must be at least 1.' },
  PRODUCT_NOT_FOUND: {
    status: 404,
    message: 'That ticket or add-on does not exist at this conference.',
  },
  ITEM_NOT_FOUND: { status: 404, message: 'That item is not in your cart.' },
  CONFERENCE_CLOSED: { status: 409, message: 'Registration for this conference is closed.' },
  TICKET_UNAVAILABLE: { status: 409, message: 'This ticket is not available right now.' },
  TICKET_STOCK: { status: 409, message: 'Not enough tickets are left.' },
  PER_USER_LIMIT: {
    status: 409,
    message: 'That would exceed the number of tickets one person may buy.',
  },
  CAPACITY_SOLD_OUT: { status: 409, message: 'The conference is sold out.' },
  CAPACITY_INSUFFICIENT: { status: 409, message: 'Not enough places are left at the conference.' },
  VOUCHER_REQUIRED: { status: 409, message: 'This ticket needs a voucher code.' },
  VOUCHER_SCOPE_MISMATCH: { status: 409, message: 'Your voucher does not cover this ticket.' },
  ADDON_UNAVAILABLE: { status: 409, message: 'This add-on is not available right now.' },
  ADDON_PREREQ_MISSING: { status: 409, message: 'This add-on needs a ticket in your cart first.' },
  ADDON_STOCK: { status: 409, message: 'Not enough of this add-on is left.' },
  VOUCHER_NOT_FOUND: { status: 404, message: 'We could not find that voucher code.' },
  VOUCHER_INVALID: { status: 409, message: 'This voucher can no longer be used.' },
});

const SALE_STATE_WORDS: Record<string, string> = {
  not_yet_on_sale: 'is not on sale yet',
  sales_ended: 'is no longer on sale',
  inactive: 'is not on sale',
  conference_closed: 'is not on sale because registration is closed',
  sold_out: 'is sold out',
};

/** Words for the person at the screen; `details` keeps the numbers for the web app. */
export function stockViolationError(v: StockViolation): DomainError {
  switch (v.code) {
    case 'CONFERENCE_CLOSED':
      return cartErrors(v.code);
    case 'TICKET_UNAVAILABLE':
    case 'ADDON_UNAVAILABLE':
      return cartErrors(
        v.code,
        { ...v },
        `${v.product} ${SALE_STATE_WORDS[v.saleState] ?? 'is not available'}.`,
      );
    case 'TICKET_STOCK':
    case 'ADDON_STOCK':
      return cartErrors(
        v.code,
        { ...v },
        v.remaining === 0
          ? `${v.product} is sold out.`
          : `Only ${v.remaining} of ${v.product} ${v.remaining === 1 ? 'is' : 'are'} left; you asked for ${v.requested}.`,
      );
    case 'PER_USER_LIMIT':
      return cartErrors(
        v.code,
        { ...v },
        `One person may buy at most ${v.limit} of ${v.product}` +
          (v.alreadyHeld > 0 ? `, and you already have ${v.alreadyHeld}.` : '.'),
      );
    case 'CAPACITY_SOLD_OUT':
      return cartErrors(
        v.code,
        { ...v },
        `The conference is sold out (venue capacity ${v.capacity}).`,
      );
    case 'CAPACITY_INSUFFICIENT':
      return cartErrors(
        v.code,
        { ...v },
        `Only ${v.remaining} places are left at the conference; you asked for ${v.requested}.`,
      );
    case 'VOUCHER_REQUIRED':
      return cartErrors(
        v.code,
        { ...v },
        `${v.product} needs a voucher code that unlocks it. Enter your voucher first.`,
      );
    case 'VOUCHER_SCOPE_MISMATCH':
      return cartErrors(v.code, { ...v }, `Your voucher does not cover ${v.product}.`);
    case 'ADDON_PREREQ_MISSING':
      return cartErrors(
        v.code,
        { ...v },
        `${v.product} needs one of the tickets it goes with in your cart.`,
      );
  }
}
