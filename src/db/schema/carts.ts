import { sql } from 'drizzle-orm';
import { check, index, integer, pgEnum, pgTable, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './access.ts';
import { addons, ticketTypes } from './catalog.ts';
import { conferenceId, createdAt, id, timestamps, tstz } from './columns.ts';
import { vouchers } from './vouchers.ts';

export const cartKind = pgEnum('cart_kind', ['online', 'desk']);

export const cartStatus = pgEnum('cart_status', ['open', 'checked_out', 'expired', 'abandoned']);

// Carts reserve nothing (D2.5); stock is taken by the pending order at checkout.
export const carts = pgTable(
  'carts',
  {
    id: id(),
    // The owner: the buyer for an online cart, the staff member for a desk cart (D4.9).
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    conferenceId: conferenceId(),
    kind: cartKind('kind').notNull().default('online'),
    // D4.9 the attendee a desk cart is sold to; pricing and per-user limits use this buyer.
    buyerUserId: uuid('buyer_user_id').references(() => users.id, { onDelete: 'cascade' }),
    status: cartStatus('status').notNull().default('open'),
    voucherId: uuid('voucher_id').references(() => vouchers.id, { onDelete: 'set null' }),
    expiresAt: tstz('expires_at'),
    ...timestamps(),
  },
  (t) => [
    // D4.1 one open cart per buyer and conference
    uniqueIndex('carts_one_open_online_cart_idx')
      .on(t.userId, t.conferenceId)
      .where(sql`${t.status} = 'open' AND ${t.kind} = 'online'`),
    index('carts_conference_status_idx').on(t.conferenceId, t.status),
    check('carts_buyer_check', sql`${t.kind} = 'desk' OR ${t.buyerUserId} IS NULL`),
  ],
);

export const cartItems = pgTable(
  'cart_items',
  {
    id: id(),
    cartId: uuid('cart_id')
      .notNull()
      .references(() => carts.id, { onDelete: 'cascade' }),
    conferenceId: conferenceId(),
    // CAT-5 deleting a product deletes its cart lines.
    ticketTypeId: uuid('ticket_type_id').references(() => ticketTypes.id, { onDelete: 'cascade' }),
    addonId: uuid('addon_id').references(() => addons.id, { onDelete: 'cascade' }),
    quantity: integer('quantity').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    // CART-2 exactly one product per line, one line per product
    check('cart_items_one_product_check', sql`num_nonnulls(${t.ticketTypeId}, ${t.addonId}) = 1`),
    uniqueIndex('cart_items_cart_ticket_type_idx')
      .on(t.cartId, t.ticketTypeId)
      .where(sql`${t.ticketTypeId} IS NOT NULL`),
    uniqueIndex('cart_items_cart_addon_idx')
      .on(t.cartId, t.addonId)
      .where(sql`${t.addonId} IS NOT NULL`),
    check('cart_items_quantity_check', sql`${t.quantity} >= 1`),
  ],
);

export type Cart = typeof carts.$inferSelect;
export type NewCart = typeof carts.$inferInsert;
export type CartItem = typeof cartItems.$inferSelect;
export type NewCartItem = typeof cartItems.$inferInsert;
