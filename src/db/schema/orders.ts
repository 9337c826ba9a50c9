import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './access.ts';
import { addons, ticketTypes } from './catalog.ts';
import {
  conferenceId,
  createdAt,
  id,
  isoCurrency,
  nonNegative,
  timestamps,
  tstz,
} from './columns.ts';
import { discountConditions } from './discounts.ts';
import { vouchers } from './vouchers.ts';

export const orderStatus = pgEnum('order_status', [
  'pending',
  'paid',
  'partially_refunded',
  'refunded',
  'cancelled',
]);

// D2.6 / D4.10: why a pending order was cancelled decides whether late money may revive it.
export const orderCancelReason = pgEnum('order_cancel_reason', ['buyer', 'hold_expired']);

export const productKind = pgEnum('product_kind', ['ticket', 'addon']);

export const orders = pgTable(
  'orders',
  {
    id: id(),
    conferenceId: conferenceId(),
    // Money history stays: a user with orders cannot be deleted.
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    status: orderStatus('status').notNull().default('pending'),
    reference: text('reference').notNull().unique(),
    currency: text('currency').notNull(),
    subtotal: bigint('subtotal', { mode: 'number' }).notNull().default(0),
    discountAmount: bigint('discount_amount', { mode: 'number' }).notNull().default(0),
    total: bigint('total', { mode: 'number' }).notNull().default(0),
    voucherId: uuid('voucher_id').references(() => vouchers.id, { onDelete: 'set null' }),
    voucherCode: text('voucher_code').notNull().default(''),
    voucherDetails: jsonb('voucher_details'),
    billingName: text('billing_name').notNull().default(''),
    billingEmail: text('billing_email').notNull().default(''),
    billingCompany: text('billing_company').notNull().default(''),
    utmSource: text('utm_source').notNull().default(''),
    utmMedium: text('utm_medium').notNull().default(''),
    utmCampaign: text('utm_campaign').notNull().default(''),
    holdExpiresAt: tstz('hold_expires_at'),
    idempotencyKey: text('idempotency_key'),
    /** What the key first came with; the same key with another request is refused (D4.2). */
    idempotencyFingerprint: text('idempotency_fingerprint'),
    // D2.6 money that could not be applied automatically; staff must look.
    needsAttention: boolean('needs_attention').notNull().default(false),
    attentionReason: text('attention_reason').notNull().default(''),
    attendeeAnswers: jsonb('attendee_answers')
      .$type<Record<string, unknown>>()
      .notNull()
      .default({}),
    paidAt: tstz('paid_at'),
    cancelledAt: tstz('cancelled_at'),
    // Null on orders cancelled before the reason was recorded; they revive as lapsed holds did.
    cancelReason: orderCancelReason('cancel_reason'),
    ...timestamps(),
  },
  (t) => [
    index('orders_conference_status_idx').on(t.conferenceId, t.status),
    index('orders_user_conference_idx').on(t.userId, t.conferenceId),
    index('orders_voucher_id_idx')
      .on(t.voucherId)
      .where(sql`${t.voucherId} IS NOT NULL`),
    // D2.5 the hold sweep scans live holds only
    index('orders_pending_hold_expires_at_idx')
      .on(t.holdExpiresAt)
      .where(sql`${t.status} = 'pending'`),
    // D4.2 a double click creates one order
    uniqueIndex('orders_user_conference_idempotency_key_idx')
      .on(t.userId, t.conferenceId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} IS NOT NULL`),
    isoCurrency('orders_currency_check', t.currency),
    nonNegative('orders_subtotal_check', t.subtotal),
    nonNegative('orders_discount_amount_check', t.discountAmount),
    nonNegative('orders_total_check', t.total),
    // D3.8 totals add up exactly; a discount never exceeds what it discounts
    check(
      'orders_totals_check',
      sql`${t.discountAmount} <= ${t.subtotal} AND ${t.total} = ${t.subtotal} - ${t.discountAmount}`,
    ),
    // INV-5 a hold only lives on a pending order
    check('orders_hold_check', sql`${t.status} = 'pending' OR ${t.holdExpiresAt} IS NULL`),
    // A reason lives only on a cancelled order: revival must clear it.
    check(
      'orders_cancel_reason_check',
      sql`${t.cancelReason} IS NULL OR ${t.status} = 'cancelled'`,
    ),
    check('orders_attendee_answers_check', sql`jsonb_typeof(${t.attendeeAnswers}) = 'object'`),
  ],
);

export const orderLines = pgTable(
  'order_lines',
  {
    id: id(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    conferenceId: conferenceId(),
    // INV-3 an orphaned ticket line still counts against the venue cap, so the kind is kept.
    productKind: productKind('product_kind').notNull(),
    // CAT-5 lines are snapshots: deleting a product keeps them.
    ticketTypeId: uuid('ticket_type_id').references(() => ticketTypes.id, { onDelete: 'set null' }),
    addonId: uuid('addon_id').references(() => addons.id, { onDelete: 'set null' }),
    description: text('description').notNull(),
    quantity: integer('quantity').notNull(),
    unitPrice: bigint('unit_price', { mode: 'number' }).notNull(),
    conditionDiscount: bigint('condition_discount', { mode: 'number' }).notNull().default(0),
    conditionId: uuid('condition_id').references(() => discountConditions.id, {
      onDelete: 'set null',
    }),
    conditionName: text('condition_name').notNull().default(''),
    // D3.6 a condition's limit counts discounted units, derived from these rows.
    conditionUnits: integer('condition_units').notNull().default(0),
    voucherDiscount: bigint('voucher_discount', { mode: 'number' }).notNull().default(0),
    lineTotal: bigint('line_total', { mode: 'number' }).notNull(),
    cancelledQuantity: integer('cancelled_quantity').notNull().default(0),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: createdAt(),
    // D2.1 counting reads the order's status and hold on its lines, so that stock is summed from
    // one index without visiting every order. Copies kept by triggers (migration 0007) in the
    // same statement that changes the order; the insert default is replaced by the order's own.
    orderStatus: orderStatus('order_status').notNull().default('pending'),
    orderHoldExpiresAt: tstz('order_hold_expires_at'),
  },
  (t) => [
    index('order_lines_order_id_idx').on(t.orderId),
    // Stock counts (INV-1) read only these indexes.
    index('order_lines_ticket_type_counting_idx').on(
      t.ticketTypeId,
      t.orderStatus,
      t.orderHoldExpiresAt,
      t.quantity,
      t.cancelledQuantity,
    ),
    index('order_lines_addon_counting_idx').on(
      t.addonId,
      t.orderStatus,
      t.orderHoldExpiresAt,
      t.quantity,
      t.cancelledQuantity,
    ),
    index('order_lines_conference_counting_idx').on(
      t.conferenceId,
      t.productKind,
      t.orderStatus,
      t.orderHoldExpiresAt,
      t.quantity,
      t.cancelledQuantity,
    ),
    // D3.6 condition usage is derived from the lines it discounted
    index('order_lines_condition_id_idx')
      .on(t.conditionId)
      .where(sql`${t.conditionId} IS NOT NULL`),
    check('order_lines_quantity_check', sql`${t.quantity} >= 1`),
    // D4.6 a refund may cancel some units of a line, never more than were bought
    check(
      'order_lines_cancelled_quantity_check',
      sql`${t.cancelledQuantity} >= 0 AND ${t.cancelledQuantity} <= ${t.quantity}`,
    ),
    nonNegative('order_lines_unit_price_check', t.unitPrice),
    nonNegative('order_lines_condition_discount_check', t.conditionDiscount),
    check(
      'order_lines_condition_units_check',
      sql`${t.conditionUnits} >= 0 AND ${t.conditionUnits} <= ${t.quantity}`,
    ),
    nonNegative('order_lines_voucher_discount_check', t.voucherDiscount),
    // D3.4 / D3.8 no line below zero, and the line adds up exactly
    nonNegative('order_lines_line_total_check', t.lineTotal),
    check(
      'order_lines_line_total_sum_check',
      sql`${t.lineTotal} = ${t.unitPrice} * ${t.quantity} - ${t.conditionDiscount} - ${t.voucherDiscount}`,
    ),
    check(
      'order_lines_product_kind_check',
      sql`(${t.productKind} = 'ticket' AND ${t.addonId} IS NULL)
        OR (${t.productKind} = 'addon' AND ${t.ticketTypeId} IS NULL)`,
    ),
  ],
);

export type Order = typeof orders.$inferSelect;
export type NewOrder = typeof orders.$inferInsert;
export type OrderLine = typeof orderLines.$inferSelect;
export type NewOrderLine = typeof orderLines.$inferInsert;
