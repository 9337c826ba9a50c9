import type { Database } from '../../db/client.ts';
import type { Cart, Conference } from '../../db/schema/index.ts';
import type { PricingVoucher } from '../../domain/pricing/index.ts';
import type { StockFacts } from '../../domain/stock-rules.ts';
import type { PricingInputs } from '../pricing/index.ts';
import { loadCartLines, type CartLine } from './cart-lines.ts';
import { loadStockFacts } from './stock-facts.ts';
import { loadCartVoucher, voucherGateOf } from './voucher-gate.ts';

/** Everything a cart change checks and a cart view shows, loaded once per request. */
export interface CartState {
  cart: Cart;
  lines: CartLine[];
  voucher: PricingVoucher | null;
  facts: StockFacts;
  /** Conditions and buyer facts when the change already read them (the view then prices with them). */
  pricing?: PricingInputs;
}

export async function loadCartState(
  db: Database,
  cart: Cart,
  buyerId: string,
  conference: Conference,
  now: Date,
): Promise<CartState> {
  const [lines, voucher] = await Promise.all([
    loadCartLines(db, cart.id),
    loadCartVoucher(db, cart, now),
  ]);
  const facts = await loadStockFacts(
    db,
    conference,
    buyerId,
    lines,
    voucherGateOf(voucher, now),
    now,
  );
  return { cart, lines, voucher, facts };
}
