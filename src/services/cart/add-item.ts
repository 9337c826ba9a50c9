import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { isPgError, SQLSTATE } from '../../db/pg-errors.ts';
import { cartItems, type Conference } from '../../db/schema/index.ts';
import { withTx } from '../../db/transactions.ts';
import { findStockViolation } from '../../domain/stock-rules.ts';
import { loadCartState, type CartState } from './cart-state.ts';
import { cartErrors, stockViolationError } from './errors.ts';
import { assertCartOpen, openCartForChange, touchCart } from './open-cart.ts';

export interface AddItemInput {
  userId: string;
  conference: Conference;
  kind: 'ticket' | 'addon';
  productId: string;
  quantity: number;
  now: Date;
}

/**
 * CART-6 / CART-10: add units of a ticket type or add-on. The line is upserted atomically
 * (LOCK-3) and the desired total is then checked with the same stock rule checkout uses (D2.4);
 * a violation rolls the whole change back.
 */
export async function addItemToCart(db: Database, input: AddItemInput): Promise<CartState> {
  if (!Number.isInteger(input.quantity) || input.quantity < 1) throw cartErrors('QTY_TOO_SMALL');
  const notFound = () => cartErrors('PRODUCT_NOT_FOUND', { productId: input.productId });
  try {
    return await withTx(db, async (tx) => {
      const { cart, created } = await openCartForChange(
        tx,
        input.userId,
        input.conference,
        input.now,
      );
      assertCartOpen(cart, input.now);
      const column = input.kind === 'ticket' ? cartItems.ticketTypeId : cartItems.addonId;
      await tx
        .insert(cartItems)
        .values({
          cartId: cart.id,
          conferenceId: input.conference.id,
          quantity: input.quantity,
          // The database clock, not the request's: line order (W-25) must follow real insertion order.
          ...(input.kind === 'ticket'
            ? { ticketTypeId: input.productId }
            : { addonId: input.productId }),
        })
        .onConflictDoUpdate({
          target: [cartItems.cartId, column],
          targetWhere: sql`${column} IS NOT NULL`,
          set: { quantity: sql`${cartItems.quantity} + excluded.quantity` },
        });
      const state = await loadCartState(tx, cart, input.userId, input.conference, input.now);
      const line = state.lines.find((l) => l.product.id === input.productId);
      // CART-6 #3: a product of another conference is "not found" here, never added.
      if (!line || line.conferenceId !== input.conference.id) throw notFound();
      const violation = findStockViolation(
        state.lines,
        state.facts,
        (l) => l.product.id === input.productId,
      );
      if (violation) throw stockViolationError(violation);
      // A cart created by this request already carries this moment's version and expiry.
      if (created) return state;
      return { ...state, cart: await touchCart(tx, cart, input.conference, input.now, true) };
    });
  } catch (error) {
    if (isPgError(error, SQLSTATE.foreignKeyViolation)) throw notFound();
    throw error;
  }
}
