import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { rowFromJson, type JsonRecord } from '../../db/json-rows.ts';
import { queryRows } from '../../db/raw.ts';
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
  const column = sql.identifier(write.kind === 'ticket' ? 'ticket_type_id' : 'addon_id');
  const expiresAt = addMinutes(write.now, write.cartExpiryMinutes).toISOString();
  const now = write.now.toISOString();
  const cart = write.cart
    ? sql`UPDATE carts SET updated_at = ${now}::timestamptz, expires_at = ${expiresAt}::timestamptz
        WHERE id = ${write.cart.id} AND status = 'open'
          -- JavaScript dates carry milliseconds; the column may carry microseconds.
          AND date_trunc('milliseconds', updated_at) = ${write.cart.updatedAt.toISOString()}::timestamptz
        RETURNING *`
    : sql`INSERT INTO carts (user_id, conference_id, expires_at, created_at, updated_at)
        VALUES (${write.userId}, ${write.conferenceId}, ${expiresAt}::timestamptz,
          ${now}::timestamptz, ${now}::timestamptz)
        ON CONFLICT DO NOTHING RETURNING *`;
  const [row] = await queryRows<{ cart: JsonRecord | null; item: JsonRecord | null }>(
    db,
    sql`WITH cart AS (${cart}),
      item AS (
        INSERT INTO cart_items (cart_id, conference_id, ${column}, quantity)
        SELECT cart.id, ${write.conferenceId}, ${write.productId}, ${write.quantity}::int FROM cart
        ON CONFLICT (cart_id, ${column}) WHERE ${column} IS NOT NULL
        DO UPDATE SET quantity = cart_items.quantity + excluded.quantity
        WHERE cart_items.quantity = ${write.checkedQuantity}::int
        RETURNING *)
      SELECT (SELECT to_jsonb(cart.*) FROM cart) AS cart, (SELECT to_jsonb(item.*) FROM item) AS item`,
  );
  if (!row?.cart || !row.item) return null;
  return { cart: rowFromJson(carts, row.cart), item: rowFromJson(cartItems, row.item) };
}
