import type { Database } from '../../db/client.ts';
import type { Cart, Conference } from '../../db/schema/index.ts';
import type { DomainError } from '../../domain/errors.ts';
import type { PriceBreakdown } from '../../domain/pricing/index.ts';
import { findStockViolation } from '../../domain/stock-rules.ts';
import { priceCartLines } from '../pricing/index.ts';
import { loadCartLines, type CartLine } from './cart-lines.ts';
import { stockViolationError } from './errors.ts';
import { getOrCreateOpenCart } from './open-cart.ts';
import { loadStockFacts } from './stock-facts.ts';
import { loadCartVoucher, voucherGateOf } from './voucher-gate.ts';

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

/** The buyer's open cart with live prices (CART-14) and any line checkout would refuse. */
export async function viewCart(
  db: Database,
  userId: string,
  conference: Conference,
  now: Date,
): Promise<CartView> {
  const cart = await getOrCreateOpenCart(db, userId, conference, now);
  const lines = await loadCartLines(db, cart.id);
  const voucher = await loadCartVoucher(db, cart, now);
  const ticketIds = lines.filter((l) => l.kind === 'ticket').map((l) => l.product.id);
  const [pricing, facts] = await Promise.all([
    priceCartLines(db, conference.id, userId, lines, voucher, now),
    loadStockFacts(db, conference, userId, ticketIds, voucherGateOf(voucher, now), now),
  ]);
  const problems = lines.flatMap((line) => {
    const violation = findStockViolation(lines, facts, (l) => l.itemId === line.itemId);
    return violation ? [problemOf(line.itemId, stockViolationError(violation))] : [];
  });
  return { cart, currency: conference.currency, lines, pricing, problems };
}
