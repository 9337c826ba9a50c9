import type { Database } from '../../db/client.ts';
import type { Cart, Conference } from '../../db/schema/index.ts';
import type { DomainError } from '../../domain/errors.ts';
import { priceCart, type PriceBreakdown } from '../../domain/pricing/index.ts';
import { findStockViolation } from '../../domain/stock-rules.ts';
import { loadPricingInputs, toPricingLines } from '../pricing/index.ts';
import type { CartLine } from './cart-lines.ts';
import { loadCartState, type CartState } from './cart-state.ts';
import { stockViolationError } from './errors.ts';
import { getOrCreateOpenCart } from './open-cart.ts';

export interface CartProblem {
  itemId: string;
  code: string;
  message: string;
}

export interface CartView {
  cart: Cart;
  currency: string;
  lines: CartLine[];
  pricing: PriceBreakdown;
  /** What checkout would refuse right now, per line, so the buyer can fix it first. */
  problems: CartProblem[];
}

function problemOf(itemId: string, error: DomainError): CartProblem {
  return { itemId, code: error.code, message: error.message };
}

/** Prices a loaded cart (CART-14) and lists every line checkout would refuse. */
export async function cartViewOf(
  db: Database,
  state: CartState,
  buyerId: string,
  conference: Conference,
): Promise<CartView> {
  const { cart, lines, voucher, facts } = state;
  const { conditions, buyer } =
    state.pricing ?? (await loadPricingInputs(db, conference.id, buyerId, facts.now));
  const pricing = priceCart({
    lines: toPricingLines(lines),
    conditions,
    voucher,
    buyer,
    now: facts.now,
  });
  const problems = lines.flatMap((line) => {
    const violation = findStockViolation(lines, facts, (l) => l.itemId === line.itemId);
    return violation ? [problemOf(line.itemId, stockViolationError(violation))] : [];
  });
  return { cart, currency: conference.currency, lines, pricing, problems };
}

/** The buyer's open cart with live prices. */
export async function viewCart(
  db: Database,
  userId: string,
  conference: Conference,
  now: Date,
): Promise<CartView> {
  const cart = await getOrCreateOpenCart(db, userId, conference, now);
  return cartViewOf(db, await loadCartState(db, cart, userId, conference, now), userId, conference);
}
