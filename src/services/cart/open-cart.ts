import { and, eq, lt, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { aliased, fromOf } from '../../db/json-shapes.ts';
import { carts, type Cart, type Conference } from '../../db/schema/index.ts';
import { addMinutes } from '../../domain/dates.ts';
import { cartErrors } from './errors.ts';

const open = aliased(carts, 'open_cart');

/** The buyer's latest open online cart (D4.1), as SQL that other reads embed (values or slots). */
export function openCartIdSql(userId: string | SQLWrapper, conferenceId: string | SQLWrapper): SQL {
  return sql`SELECT ${open.id} FROM ${fromOf(open)}
    WHERE ${open.userId} = ${userId} AND ${open.conferenceId} = ${conferenceId}
      AND ${open.status} = 'open' AND ${open.kind} = 'online'
    ORDER BY ${open.createdAt} DESC LIMIT 1`;
}

export async function findOpenCart(
  db: Database,
  userId: string,
  conferenceId: string,
): Promise<Cart | undefined> {
  const [cart] = await db
    .select()
    .from(carts)
    .where(sql`${carts.id} = (${openCartIdSql(userId, conferenceId)})`);
  return cart;
}

/** The buyer's open cart, and whether this request created it (so nobody else has seen it yet). */
export interface OpenCart {
  cart: Cart;
  created: boolean;
}

/**
 * CART-3: expire the buyer's lapsed cart, then return the open one or create it. The partial
 * unique index (D4.1) decides a race between two first requests; the loser reads the winner's cart.
 */
export async function getOrCreateOpenCart(
  db: Database,
  userId: string,
  conference: Conference,
  now: Date,
): Promise<Cart> {
  return (await openCartForChange(db, userId, conference, now)).cart;
}

export async function openCartForChange(
  db: Database,
  userId: string,
  conference: Conference,
  now: Date,
): Promise<OpenCart> {
  const current = await findOpenCart(db, userId, conference.id);
  // The common case costs one statement: an open cart that has not lapsed.
  if (current && !isLapsed(current, now)) return { cart: current, created: false };
  if (current) await expireLapsedCart(db, current, now);
  const [created] = await db
    .insert(carts)
    .values({
      userId,
      conferenceId: conference.id,
      expiresAt: addMinutes(now, conference.cartExpiryMinutes),
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (created) return { cart: created, created: true };
  // Another request of the same buyer created it first (D4.1 index); use theirs.
  const raced = await findOpenCart(db, userId, conference.id);
  if (!raced) throw new Error('open cart vanished right after creation');
  return { cart: raced, created: false };
}

/** CART-3: a lapsed open cart is expired, never reopened; a new cart takes its place. */
export async function expireLapsedCart(db: Database, cart: Cart, now: Date): Promise<void> {
  await db
    .update(carts)
    .set({ status: 'expired', updatedAt: now })
    .where(and(eq(carts.id, cart.id), eq(carts.status, 'open'), lt(carts.expiresAt, now)));
}

export function isLapsed(cart: Cart, now: Date): boolean {
  return cart.expiresAt !== null && cart.expiresAt.getTime() < now.getTime();
}

/** CART-4: the expiry check comes before the status check. */
export function assertCartOpen(cart: Cart, now: Date): void {
  if (cart.expiresAt && cart.expiresAt.getTime() < now.getTime()) throw cartErrors('CART_EXPIRED');
  if (cart.status !== 'open') throw cartErrors('CART_NOT_OPEN');
}

/**
 * Every change to a cart's lines moves `updated_at`, which checkout compares to detect a cart
 * that changed between pricing and placing the order. `slide` extends expiry (CART-5).
 */
export async function touchCart(
  db: Database,
  cart: Cart,
  conference: Conference,
  now: Date,
  slide: boolean,
): Promise<Cart> {
  const [touched] = await db
    .update(carts)
    .set({
      updatedAt: now,
      ...(slide ? { expiresAt: addMinutes(now, conference.cartExpiryMinutes) } : {}),
    })
    .where(eq(carts.id, cart.id))
    .returning();
  return touched ?? cart;
}
