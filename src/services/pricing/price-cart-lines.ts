import type { Money } from '../../domain/money.ts';
import type { PricingLine } from '../../domain/pricing/index.ts';

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
