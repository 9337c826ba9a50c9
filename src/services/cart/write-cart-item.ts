import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { jsonRow, nameOf } from '../../db/json-shapes.ts';
import { defineStatement } from '../../db/cached-statements.ts';
import { cartItems, carts, type Cart, type CartItem } from '../../db/schema/index.ts';
import { addMinutes } from '../../domain/dates.ts';

export interface CartItemWrite {
  /** The open cart the add was checked against; null creates the buyer's cart. */
  cart: Cart | null;
  userId: string;
  conferenceId: string;
  cartExpiryMinutes: number;
  kind: 'ticket' | 'addon';
  productId: string;
  quantity: number;
  /** Units of this product the cart held when the add was checked (0 = no line yet). */
  checkedQuantity: number;
  now: Date;
}

interface WriteValues extends Record<string, unknown> {
  cartId: string | null;
  /** The cart's `updated_at` when the add was checked. */
  version: string | null;
  userId: string;
  conferenceId: string;
  now: string;
  expiresAt: string;
  productId: string;
  quantity: number;
  checkedQuantity: number;
}

const cartJson = jsonRow(carts);
const itemJson = jsonRow(cartItems);

function cartItemWrite(kind: 'ticket' | 'addon', cart: 'existing' | 'new') {
  return defineStatement<WriteValues, { cart: unknown; item: unknown }>((v) => {
    const product = kind === 'ticket' ? cartItems.ticketTypeId : cartItems.addonId;
    const cartSql =
      cart === 'existing'
        ? sql`UPDATE ${carts} SET ${nameOf(carts.updatedAt)} = ${v.now}::timestamptz,
          ${nameOf(carts.expiresAt)} = ${v.expiresAt}::timestamptz
        WHERE ${carts.id} = ${v.cartId}::uuid AND ${carts.status} = 'open'
          -- JavaScript dates carry milliseconds; the column may carry microseconds.
          AND date_trunc('milliseconds', ${carts.updatedAt}) = ${v.version}::timestamptz
        RETURNING ${carts.id} AS id, ${cartJson} AS j`
        : sql`INSERT INTO ${carts} (${nameOf(carts.userId)}, ${nameOf(carts.conferenceId)},
          ${nameOf(carts.expiresAt)}, ${nameOf(carts.createdAt)}, ${nameOf(carts.updatedAt)})
        VALUES (${v.userId}::uuid, ${v.conferenceId}::uuid, ${v.expiresAt}::timestamptz,
          ${v.now}::timestamptz, ${v.now}::timestamptz)
        ON CONFLICT DO NOTHING RETURNING ${carts.id} AS id, ${cartJson} AS j`;
    const quantity = nameOf(cartItems.quantity);
    return sql`WITH cart AS (${cartSql}),
      item AS (
        INSERT INTO ${cartItems} (${nameOf(cartItems.cartId)}, ${nameOf(cartItems.conferenceId)},
          ${nameOf(product)}, ${quantity})
        SELECT cart.id, ${v.conferenceId}::uuid, ${v.productId}::uuid, ${v.quantity}::int FROM cart
        ON CONFLICT (${nameOf(cartItems.cartId)}, ${nameOf(product)}) WHERE ${nameOf(product)} IS NOT NULL
        DO UPDATE SET ${quantity} = ${cartItems.quantity} + excluded.${quantity}
        WHERE ${cartItems.quantity} = ${v.checkedQuantity}::int
        RETURNING ${itemJson} AS j)
      SELECT (SELECT j FROM cart) AS cart, (SELECT j FROM item) AS item`;
  });
}

const CART_ITEM_WRITES = {
  ticket: { existing: cartItemWrite('ticket', 'existing'), new: cartItemWrite('ticket', 'new') },
  addon: { existing: cartItemWrite('addon', 'existing'), new: cartItemWrite('addon', 'new') },
};

/**
 * Adds units to a cart line in ONE statement, and only if the cart is still what the add was
 * checked against (optimistic, D4.1/CART-6): an existing cart must still have the version
 * (`updated_at`) and line quantity that were read; a new cart must not have been created by a
 * concurrent request. Otherwise nothing changes and the answer is null: read and check again.
 * Every change moves the cart's version and slides its expiry (CART-5).
 */
export async function writeCartItem(
  db: Database,
  write: CartItemWrite,
): Promise<{ cart: Cart; item: CartItem } | null> {
  const now = write.now.toISOString();
  const [row] = await CART_ITEM_WRITES[write.kind][write.cart ? 'existing' : 'new'](db, {
    cartId: write.cart?.id ?? null,
    version: write.cart?.updatedAt.toISOString() ?? null,
    userId: write.userId,
    conferenceId: write.conferenceId,
    now,
    expiresAt: addMinutes(write.now, write.cartExpiryMinutes).toISOString(),
    productId: write.productId,
    quantity: write.quantity,
    checkedQuantity: write.checkedQuantity,
  });
  if (!row?.cart || !row.item) return null;
  return { cart: cartJson.decode(row.cart), item: itemJson.decode(row.item) };
}
