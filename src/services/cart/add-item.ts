import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { addons, cartItems, ticketTypes, type Conference } from '../../db/schema/index.ts';
import { findStockViolation } from '../../domain/stock-rules.ts';
import { withTx } from '../../db/transactions.ts';
import { loadCartLines } from './cart-lines.ts';
import { cartErrors, stockViolationError } from './errors.ts';
import { assertCartOpen, getOrCreateOpenCart, touchCart } from './open-cart.ts';
import { loadStockFacts } from './stock-facts.ts';
import { loadCartVoucher, voucherGateOf } from './voucher-gate.ts';

export interface AddItemInput {
  userId: string;
  conference: Conference;
  kind: 'ticket' | 'addon';
  productId: string;
  quantity: number;
  now: Date;
}

async function assertProductInConference(db: Database, input: AddItemInput): Promise<void> {
  const table = input.kind === 'ticket' ? ticketTypes : addons;
  const [row] = await db
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.id, input.productId), eq(table.conferenceId, input.conference.id)))
    .limit(1);
  if (!row) throw cartErrors('PRODUCT_NOT_FOUND', { productId: input.productId });
}

/**
 * CART-6 / CART-10: add units of a ticket type or add-on. The line is upserted atomically
 * (LOCK-3) and the desired total is then checked with the same stock rule checkout uses (D2.4);
 * a violation rolls the whole change back.
 */
export async function addItemToCart(db: Database, input: AddItemInput): Promise<void> {
  if (!Number.isInteger(input.quantity) || input.quantity < 1) throw cartErrors('QTY_TOO_SMALL');
  await withTx(db, async (tx) => {
    const cart = await getOrCreateOpenCart(tx, input.userId, input.conference, input.now);
    assertCartOpen(cart, input.now);
    await assertProductInConference(tx, input);
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
    const lines = await loadCartLines(tx, cart.id);
    const voucher = await loadCartVoucher(tx, cart, input.now);
    const ticketIds = lines.filter((l) => l.kind === 'ticket').map((l) => l.product.id);
    const facts = await loadStockFacts(
      tx,
      input.conference,
      input.userId,
      ticketIds,
      voucherGateOf(voucher, input.now),
      input.now,
    );
    const violation = findStockViolation(
      lines,
      facts,
      (line) => line.product.id === input.productId,
    );
    if (violation) throw stockViolationError(violation);
    await touchCart(tx, cart, input.conference, input.now, true);
  });
}
