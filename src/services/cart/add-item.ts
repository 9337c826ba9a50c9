import type { Database } from '../../db/client.ts';
import { isPgError, SQLSTATE } from '../../db/pg-errors.ts';
import type { Conference } from '../../db/schema/index.ts';
import { findStockViolation } from '../../domain/stock-rules.ts';
import { commonErrors } from '../common/errors.ts';
import { readTogether } from '../../db/read-together.ts';
import { pricingInputsRead } from '../pricing/index.ts';
import { cartLineOf, openCartRead, productRead, type CartLine } from './cart-lines.ts';
import type { CartState } from './cart-state.ts';
import { cartErrors, stockViolationError } from './errors.ts';
import { expireLapsedCart, isLapsed } from './open-cart.ts';
import { openCartCountsRead, stockFactsOf } from './stock-facts.ts';
import { loadCartVoucher, voucherGateOf } from './voucher-gate.ts';
import { writeCartItem } from './write-cart-item.ts';

export interface AddItemInput {
  userId: string;
  conference: Conference;
  kind: 'ticket' | 'addon';
  productId: string;
  quantity: number;
  now: Date;
}

/** Concurrent changes to the same cart keep winning: let the buyer try again. */
const MAX_ATTEMPTS = 3;

/**
 * CART-6 / CART-10: add units of a ticket type or add-on. The desired cart is checked with the
 * same stock rule checkout uses (D2.4) BEFORE anything is written, so a refusal writes nothing;
 * the line is then written in one statement only if the cart is still the one that was checked
 * (`writeCartItem`), else read and checked again. Carts reserve nothing (D2.5): checkout checks
 * everything again under its locks.
 */
export async function addItemToCart(db: Database, input: AddItemInput): Promise<CartState> {
  if (!Number.isInteger(input.quantity) || input.quantity < 1) throw cartErrors('QTY_TOO_SMALL');
  const notFound = () => cartErrors('PRODUCT_NOT_FOUND', { productId: input.productId });
  const { conference, userId, now } = input;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    // One round trip: the cart, the product, the counts for both, and what pricing needs.
    const read = await readTogether(db, {
      open: openCartRead(userId, conference.id),
      product: productRead(input.kind, input.productId),
      counts: openCartCountsRead(conference, userId, input, now),
      pricing: pricingInputsRead(conference.id, userId, now),
    });
    let open = read.open;
    if (open && isLapsed(open.cart, now)) {
      // CART-3: a lapsed cart ends here and the add starts a new one.
      await expireLapsedCart(db, open.cart, now);
      open = undefined;
    }
    const lines = open?.lines ?? [];
    const current = lines.find((l) => l.kind === input.kind && l.product.id === input.productId);
    const product = current ?? read.product;
    // CART-6 #3: a product of another conference is "not found" here, never added.
    if (!product || product.conferenceId !== conference.id) throw notFound();
    const added = current
      ? { ...current, quantity: current.quantity + input.quantity }
      : cartLineOf({ id: '', quantity: input.quantity, createdAt: now }, product);
    const desired: CartLine[] = current
      ? lines.map((l) => (l === current ? added : l))
      : [...lines, added];
    const voucher = open ? await loadCartVoucher(db, open.cart, now) : null;
    const facts = stockFactsOf(conference, read.counts, voucherGateOf(voucher, now), now);
    const violation = findStockViolation(desired, facts, (l) => l === added);
    if (violation) throw stockViolationError(violation);
    let written;
    try {
      written = await writeCartItem(db, {
        cart: open?.cart ?? null,
        userId,
        conferenceId: conference.id,
        cartExpiryMinutes: conference.cartExpiryMinutes,
        kind: input.kind,
        productId: input.productId,
        quantity: input.quantity,
        checkedQuantity: current?.quantity ?? 0,
        now,
      });
    } catch (error) {
      // The product was deleted between the check and the write.
      if (isPgError(error, SQLSTATE.foreignKeyViolation)) throw notFound();
      throw error;
    }
    if (!written) continue;
    const line = cartLineOf(written.item, product);
    return {
      cart: written.cart,
      lines: desired.map((l) => (l === added ? line : l)),
      voucher,
      facts,
      pricing: read.pricing,
    };
  }
  throw commonErrors('BUSY');
}
