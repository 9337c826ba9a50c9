import type { Database } from '../../db/client.ts';
import type { Conference } from '../../db/schema/index.ts';
import type { StockFacts, StockLine, VoucherGate } from '../../domain/stock-rules.ts';
import { countForCart, type CartCounts } from '../inventory/index.ts';

export interface CountScopeOptions {
  voucherId?: string | null;
  limitedConditionIds?: readonly string[];
  excludeOrderId?: string | null;
}

/** Counts for exactly the products in the cart (and the venue when capped), never the whole conference. */
export function countCart(
  db: Database,
  conference: Conference,
  buyerId: string,
  lines: readonly StockLine[],
  now: Date,
  options: CountScopeOptions = {},
): Promise<CartCounts> {
  const ticketTypeIds = lines.filter((l) => l.kind === 'ticket').map((l) => l.product.id);
  const addonIds = lines.filter((l) => l.kind === 'addon').map((l) => l.product.id);
  return countForCart(
    db,
    {
      conferenceId: conference.id,
      buyerId,
      ticketTypeIds,
      addonIds,
      venue: conference.totalCapacity > 0 && ticketTypeIds.length > 0,
      voucherId: options.voucherId ?? null,
      limitedConditionIds: options.limitedConditionIds ?? [],
      excludeOrderId: options.excludeOrderId ?? null,
    },
    now,
  );
}

export function stockFactsOf(
  conference: Conference,
  counts: CartCounts,
  voucher: VoucherGate | null,
  now: Date,
): StockFacts {
  return {
    conference,
    soldByTicketType: counts.soldByTicketType,
    soldByAddon: counts.soldByAddon,
    soldTicketUnits: counts.venueUnits,
    heldByBuyer: counts.heldByBuyer,
    voucher,
    now,
  };
}

export async function loadStockFacts(
  db: Database,
  conference: Conference,
  buyerId: string,
  lines: readonly StockLine[],
  voucher: VoucherGate | null,
  now: Date,
): Promise<StockFacts> {
  return stockFactsOf(
    conference,
    await countCart(db, conference, buyerId, lines, now),
    voucher,
    now,
  );
}
