import {
  bigint,
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  conferenceId,
  id,
  nonNegative,
  notBlank,
  timestamps,
  tstz,
  windowOrdered,
} from './columns.ts';

export const ticketTypes = pgTable(
  'ticket_types',
  {
    id: id(),
    conferenceId: conferenceId(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    description: text('description').notNull().default(''),
    price: bigint('price', { mode: 'number' }).notNull(),
    availableFrom: tstz('available_from'),
    availableUntil: tstz('available_until'),
    totalQuantity: integer('total_quantity').notNull().default(0),
    limitPerUser: integer('limit_per_user').notNull().default(10),
    requiresVoucher: boolean('requires_voucher').notNull().default(false),
    isActive: boolean('is_active').notNull().default(true),
    bulkEnabled: boolean('bulk_enabled').notNull().default(false),
    sortOrder: integer('sort_order').notNull().default(0),
    ...timestamps(),
  },
  (t) => [
    unique('ticket_types_conference_slug_unique').on(t.conferenceId, t.slug),
    notBlank('ticket_types_slug_check', t.slug),
    // D3.5 prices >= 0, windows ordered
    nonNegative('ticket_types_price_check', t.price),
    windowOrdered('ticket_types_window_check', t.availableFrom, t.availableUntil),
    // CAT-1 0 = unlimited
    nonNegative('ticket_types_total_quantity_check', t.totalQuantity),
    nonNegative('ticket_types_limit_per_user_check', t.limitPerUser),
    nonNegative('ticket_types_sort_order_check', t.sortOrder),
  ],
);

export const addons = pgTable(
  'addons',
  {
    id: id(),
    conferenceId: conferenceId(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    description: text('description').notNull().default(''),
    price: bigint('price', { mode: 'number' }).notNull(),
    availableFrom: tstz('available_from'),
    availableUntil: tstz('available_until'),
    totalQuantity: integer('total_quantity').notNull().default(0),
    isActive: boolean('is_active').notNull().default(true),
    bulkEnabled: boolean('bulk_enabled').notNull().default(false),
    sortOrder: integer('sort_order').notNull().default(0),
    ...timestamps(),
  },
  (t) => [
    unique('addons_conference_slug_unique').on(t.conferenceId, t.slug),
    notBlank('addons_slug_check', t.slug),
    // D3.5 prices >= 0, windows ordered
    nonNegative('addons_price_check', t.price),
    windowOrdered('addons_window_check', t.availableFrom, t.availableUntil),
    // CAT-4 0 = unlimited
    nonNegative('addons_total_quantity_check', t.totalQuantity),
    nonNegative('addons_sort_order_check', t.sortOrder),
  ],
);

/** CAT-4 prerequisites: an add-on with rows here needs one of these ticket types. */
export const addonRequiredTicketTypes = pgTable(
  'addon_required_ticket_types',
  {
    addonId: uuid('addon_id')
      .notNull()
      .references(() => addons.id, { onDelete: 'cascade' }),
    ticketTypeId: uuid('ticket_type_id')
      .notNull()
      .references(() => ticketTypes.id, { onDelete: 'cascade' }),
    conferenceId: conferenceId(),
  },
  (t) => [
    primaryKey({ name: 'addon_required_ticket_types_pk', columns: [t.addonId, t.ticketTypeId] }),
    index('addon_required_ticket_types_ticket_type_id_idx').on(t.ticketTypeId),
  ],
);

export type TicketType = typeof ticketTypes.$inferSelect;
export type NewTicketType = typeof ticketTypes.$inferInsert;
export type Addon = typeof addons.$inferSelect;
export type NewAddon = typeof addons.$inferInsert;
export type AddonRequiredTicketType = typeof addonRequiredTicketTypes.$inferSelect;
export type NewAddonRequiredTicketType = typeof addonRequiredTicketTypes.$inferInsert;
