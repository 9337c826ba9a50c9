import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { addons, ticketTypes } from './catalog.ts';
import {
  basisPoints,
  conferenceId,
  id,
  nonNegative,
  timestamps,
  tstz,
  windowOrdered,
} from './columns.ts';

export const voucherKind = pgEnum('voucher_kind', ['comp', 'percentage', 'fixed_amount']);

// Uses are derived from orders (D2.1): there is deliberately no times_used counter.
export const vouchers = pgTable(
  'vouchers',
  {
    id: id(),
    conferenceId: conferenceId(),
    code: text('code').notNull(),
    kind: voucherKind('kind').notNull().default('comp'),
    percentOffBp: integer('percent_off_bp'),
    amountOff: bigint('amount_off', { mode: 'number' }),
    maxUses: integer('max_uses').notNull().default(1),
    validFrom: tstz('valid_from'),
    validUntil: tstz('valid_until'),
    unlocksHiddenTickets: boolean('unlocks_hidden_tickets').notNull().default(false),
    isActive: boolean('is_active').notNull().default(true),
    note: text('note').notNull().default(''),
    ...timestamps(),
  },
  (t) => [
    // D3.5 / VOU-10 codes are stored upper-case, so this is also case-insensitive uniqueness.
    unique('vouchers_conference_code_unique').on(t.conferenceId, t.code),
    check('vouchers_code_check', sql`${t.code} <> '' AND ${t.code} = upper(${t.code})`),
    basisPoints('vouchers_percent_off_bp_check', t.percentOffBp),
    nonNegative('vouchers_amount_off_check', t.amountOff),
    check(
      'vouchers_kind_value_check',
      sql`(${t.kind} <> 'percentage' OR ${t.percentOffBp} IS NOT NULL)
        AND (${t.kind} <> 'fixed_amount' OR ${t.amountOff} IS NOT NULL)`,
    ),
    // VOU-1 0 = never valid
    nonNegative('vouchers_max_uses_check', t.maxUses),
    // D3.5 valid_from <= valid_until
    windowOrdered('vouchers_valid_window_check', t.validFrom, t.validUntil),
  ],
);

/** Voucher scope (C-3: an empty set means every ticket type). */
export const voucherTicketTypes = pgTable(
  'voucher_ticket_types',
  {
    voucherId: uuid('voucher_id')
      .notNull()
      .references(() => vouchers.id, { onDelete: 'cascade' }),
    ticketTypeId: uuid('ticket_type_id')
      .notNull()
      .references(() => ticketTypes.id, { onDelete: 'cascade' }),
    conferenceId: conferenceId(),
  },
  (t) => [
    primaryKey({ name: 'voucher_ticket_types_pk', columns: [t.voucherId, t.ticketTypeId] }),
    index('voucher_ticket_types_ticket_type_id_idx').on(t.ticketTypeId),
  ],
);

/** Voucher scope (C-3: an empty set means every add-on). */
export const voucherAddons = pgTable(
  'voucher_addons',
  {
    voucherId: uuid('voucher_id')
      .notNull()
      .references(() => vouchers.id, { onDelete: 'cascade' }),
    addonId: uuid('addon_id')
      .notNull()
      .references(() => addons.id, { onDelete: 'cascade' }),
    conferenceId: conferenceId(),
  },
  (t) => [
    primaryKey({ name: 'voucher_addons_pk', columns: [t.voucherId, t.addonId] }),
    index('voucher_addons_addon_id_idx').on(t.addonId),
  ],
);

export type Voucher = typeof vouchers.$inferSelect;
export type NewVoucher = typeof vouchers.$inferInsert;
export type VoucherTicketType = typeof voucherTicketTypes.$inferSelect;
export type NewVoucherTicketType = typeof voucherTicketTypes.$inferInsert;
export type VoucherAddon = typeof voucherAddons.$inferSelect;
export type NewVoucherAddon = typeof voucherAddons.$inferInsert;
