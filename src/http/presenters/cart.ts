import type { z } from 'zod';
import type { CartView } from '../../services/cart/index.ts';
import type { cartView } from '../schemas/cart.ts';

/** Shapes the service's cart view for the API; no rule is decided here. */
export function presentCart(view: CartView): z.input<typeof cartView> {
  const { cart, pricing, lines } = view;
  const bySlug = new Map(lines.map((l) => [l.itemId, l]));
  const voucher = pricing.voucher;
  return {
    id: cart.id,
    status: cart.status,
    expiresAt: cart.expiresAt,
    currency: view.currency,
    voucher: voucher
      ? {
          code: voucher.code,
          status: voucher.status,
          reasonCode: voucher.status === 'applied' ? null : voucher.reasonCode,
          discount: voucher.discount,
        }
      : null,
    lines: pricing.lines.map((line) => ({
      itemId: line.lineId,
      kind: line.kind,
      productId: line.productId,
      slug: bySlug.get(line.lineId)?.slug ?? '',
      name: line.description,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      subtotal: line.subtotal,
      conditionDiscount: line.conditionDiscount,
      conditionName: line.conditionName,
      voucherDiscount: line.voucherDiscount,
      total: line.total,
      trace: line.trace.map((step) => ({ ...step })),
    })),
    subtotal: pricing.subtotal,
    conditionDiscount: pricing.conditionDiscount,
    voucherDiscount: pricing.voucherDiscount,
    discount: pricing.discount,
    total: pricing.total,
    problems: view.problems,
  };
}
