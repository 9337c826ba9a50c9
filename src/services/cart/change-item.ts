import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { cartItems, type Cart, type Conference } from '../../db/schema/index.ts';
import { findStockViolation } from '../../domain/stock-rules.ts';
import { withTx } from '../../db/transactions.ts';
import { loadCartLines, type CartLine } from './cart-lines.ts';
import { loadCartState, type CartState } from './cart-state.ts';
import { cartErrors, stockViolationError } from './errors.ts';
import { assertCartOpen, getOrCreateOpenCart, touchCart } from './open-cart.ts';

export interface ChangeItemInput {
  userId: string;
  conference: Conference;
  itemId: string;
  now: Date;
}

/** CART-11: add-on lines whose required tickets all left the cart go with them. */
function linesOrphanedBy(lines: readonly CartLine[], removed: CartLine): CartLine[] {
  if (removed.kind !== 'ticket') return [];
  const remainingTickets = new Set(
    lines
      .filter((l) => l.kind === 'ticket' && l.itemId !== removed.itemId)
      .map((l) => l.product.id),
  );
  return lines.filter(
    (l) =>
      l.kind === 'addon' &&
      l.product.requiredTicketTypeIds.length > 0 &&
      !l.product.requiredTicketTypeIds.some((id) => remainingTickets.has(id)),
  );
}

async function removeLine(
  tx: Database,
  cart: Cart,
  lines: CartLine[],
  line: CartLine,
): Promise<void> {
  const ids = [line.itemId, ...linesOrphanedBy(lines, line).map((l) => l.itemId)];
  await tx.delete(cartItems).where(and(eq(cartItems.cartId, cart.id), inArray(cartItems.id, ids)));
}

async function openCartWithLine(tx: Database, input: ChangeItemInput) {
  const cart = await getOrCreateOpenCart(tx, input.userId, input.conference, input.now);
  assertCartOpen(cart, input.now);
  const lines = await loadCartLines(tx, cart.id);
  const line = lines.find((l) => l.itemId === input.itemId);
  if (!line) throw cartErrors('ITEM_NOT_FOUND', { itemId: input.itemId });
  return { cart, lines, line };
}

export async function removeCartItem(db: Database, input: ChangeItemInput): Promise<void> {
  await withTx(db, async (tx) => {
    const { cart, lines, line } = await openCartWithLine(tx, input);
    await removeLine(tx, cart, lines, line);
    await touchCart(tx, cart, input.conference, input.now, false);
  });
}

/** CART-12: an absolute quantity; zero or less removes the line (with the CART-11 cascade). */
export async function setCartItemQuantity(
  db: Database,
  input: ChangeItemInput & { quantity: number },
): Promise<void> {
  if (!Number.isInteger(input.quantity)) throw cartErrors('QTY_TOO_SMALL');
  await withTx(db, async (tx) => {
    const { cart, lines, line } = await openCartWithLine(tx, input);
    if (input.quantity <= 0) {
      await removeLine(tx, cart, lines, line);
      await touchCart(tx, cart, input.conference, input.now, false);
      return;
    }
    await tx
      .update(cartItems)
      .set({ quantity: input.quantity })
      .where(eq(cartItems.id, line.itemId));
    const state: CartState = await loadCartState(
      tx,
      cart,
      input.userId,
      input.conference,
      input.now,
    );
    const violation = findStockViolation(state.lines, state.facts, (l) => l.itemId === line.itemId);
    if (violation) throw stockViolationError(violation);
    await touchCart(tx, cart, input.conference, input.now, true);
  });
}
