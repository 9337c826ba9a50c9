import { endOfDayIn } from './dates.ts';
import { isAfterWindow, isBeforeWindow } from './pricing/window.ts';

/** Why a product can or cannot be bought right now; one derivation for API, web and checkout. */
export type SaleState =
  'on_sale' | 'sold_out' | 'not_yet_on_sale' | 'sales_ended' | 'inactive' | 'conference_closed';

export interface SellableProduct {
  isActive: boolean;
  availableFrom: Date | null;
  availableUntil: Date | null;
  /** null = unlimited (INV: total_quantity 0). */
  remaining: number | null;
}

export interface SellingConference {
  isActive: boolean;
  endDate: string;
  timezone: string;
}

/** D2.4 / W-27: an inactive conference, or one whose last day is over in its own time zone, sells nothing. */
export function isConferenceOnSale(conference: SellingConference, now: Date): boolean {
  return (
    conference.isActive &&
    now.getTime() <= endOfDayIn(conference.endDate, conference.timezone).getTime()
  );
}

/** CAT-3 with the window inclusive at both ends (C-2). */
export function saleStateOf(
  product: SellableProduct,
  conference: SellingConference,
  now: Date,
): SaleState {
  if (!isConferenceOnSale(conference, now)) return 'conference_closed';
  if (!product.isActive) return 'inactive';
  if (isBeforeWindow(product.availableFrom, now)) return 'not_yet_on_sale';
  if (isAfterWindow(product.availableUntil, now)) return 'sales_ended';
  if (product.remaining !== null && product.remaining <= 0) return 'sold_out';
  return 'on_sale';
}
