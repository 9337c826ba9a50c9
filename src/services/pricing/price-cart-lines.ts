import type { Database } from '../../db/client.ts';
import type { Money } from '../../domain/money.ts';
import {
  priceCart,
  type PriceBreakdown,
  type PricingLine,
  type PricingVoucher,
} from '../../domain/pricing/index.ts';
import { loadPricingInputs } from './load-pricing-inputs.ts';

export interface PriceableLine {
  itemId: string;
  kind: 'ticket' | 'addon';
  product: { id: string; name: string };
  unitPrice: Money;
  quantity: number;
}

/** Cart lines as the pricing engine sees them, in cart order (W-25). */
export function toPricingLines(lines: readonly PriceableLine[]): PricingLine[] {
  return lines.map((l) => ({
    lineId: l.itemId,
    kind: l.kind,
    productId: l.product.id,
    description: l.product.name,
    unitPrice: l.unitPrice,
    quantity: l.quantity,
  }));
}

/** Loads the buyer's facts and the conference's conditions, then runs the one pricing function (D3.1). */
export async function priceCartLines(
  db: Database,
  conferenceId: string,
  buyerId: string,
  lines: readonly PriceableLine[],
  voucher: PricingVoucher | null,
  now: Date,
): Promise<PriceBreakdown> {
  const { conditions, buyer } = await loadPricingInputs(db, conferenceId, buyerId, now);
  return priceCart({
    lines: toPricingLines(lines),
    conditions,
    voucher,
    buyer,
    now,
  });
}
