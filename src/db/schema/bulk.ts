import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './access.ts';
import { addons, ticketTypes } from './catalog.ts';
import { conferenceId, createdAt, id, isoCurrency, nonNegative, timestamps } from './columns.ts';
import { vouchers } from './vouchers.ts';

export const bulkPaymentStatus = pgEnum('bulk_payment_status', [
  'pending',
  'approved',
  'processing',
  'paid',
  'failed',
  'refunded',
]);

export const bulkPurchases = pgTable(
  'bulk_purchases',
  {
    id: id(),
    conferenceId: conferenceId(),
    sponsorName: text('sponsor_name').notNull().default(''),
    productDescription: text('product_description').notNull().default(''),
    quantity: integer('quantity').notNull(),
    ticketTypeId: uuid('ticket_type_id').references(() => ticketTypes.id, { onDelete: 'set null' }),
    addonId: uuid('addon_id').references(() => addons.id, { onDelete: 'set null' }),
    paymentStatus: bulkPaymentStatus('payment_status').notNull().default('pending'),
    stripePaymentIntentId: text('stripe_payment_intent_id'),
    stripeCheckoutSessionId: text('stripe_checkout_session_id'),
    currency: text('currency').notNull(),
    unitPrice: bigint('unit_price', { mode: 'number' }).notNull(),
    totalAmount: bigint('total_amount', { mode: 'number' }).notNull(),
    voucherConfig: jsonb('voucher_config').$type<Record<string, unknown>>().notNull().default({}),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    approvedBy: uuid('approved_by').references(() => users.id, { onDelete: 'set null' }),
    ...timestamps(),
  },
  (t) => [
    index('bulk_purchases_conference_status_idx').on(t.conferenceId, t.paymentStatus),
    check('bulk_purchases_quantity_check', sql`${t.quantity} BETWEEN 1 AND 500`),
    isoCurrency('bulk_purchases_currency_check', t.currency),
    nonNegative('bulk_purchases_unit_price_check', t.unitPrice),
    nonNegative('bulk_purchases_total_amount_check', t.totalAmount),
    check('bulk_purchases_voucher_config_check', sql`jsonb_typeof(${t.voucherConfig}) = 'object'`),
  ],
);

export const bulkPurchaseVouchers = pgTable(
  'bulk_purchase_vouchers',
  {
    bulkPurchaseId: uuid('bulk_purchase_id')
      .notNull()
      .references(() => bulkPurchases.id, { onDelete: 'cascade' }),
    voucherId: uuid('voucher_id')
      .notNull()
      .references(() => vouchers.id, { onDelete: 'cascade' }),
    conferenceId: conferenceId(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'bulk_purchase_vouchers_pk', columns: [t.bulkPurchaseId, t.voucherId] }),
    index('bulk_purchase_vouchers_voucher_id_idx').on(t.voucherId),
  ],
);

export type BulkPurchase = typeof bulkPurchases.$inferSelect;
export type NewBulkPurchase = typeof bulkPurchases.$inferInsert;
export type BulkPurchaseVoucher = typeof bulkPurchaseVouchers.$inferSelect;
export type NewBulkPurchaseVoucher = typeof bulkPurchaseVouchers.$inferInsert;
