import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  foreignKey,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
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
  notBlank,
  positive,
  timestamps,
} from './columns.ts';

export const purchaseOrderStatus = pgEnum('purchase_order_status', [
  'draft',
  'sent',
  'partially_paid',
  'paid',
  'overpaid',
  'cancelled',
]);

export const poPaymentMethod = pgEnum('po_payment_method', [
  'wire',
  'ach',
  'check',
  'stripe',
  'other',
]);

// MOD-7 paid and credited sums and the balance due are derived from the child rows (D5.7).
export const purchaseOrders = pgTable(
  'purchase_orders',
  {
    id: id(),
    conferenceId: conferenceId(),
    organizationName: text('organization_name').notNull(),
    contactEmail: text('contact_email').notNull(),
    contactName: text('contact_name').notNull().default(''),
    billingAddress: text('billing_address').notNull().default(''),
    status: purchaseOrderStatus('status').notNull().default('draft'),
    reference: text('reference').notNull().unique(),
    currency: text('currency').notNull(),
    subtotal: bigint('subtotal', { mode: 'number' }).notNull().default(0),
    total: bigint('total', { mode: 'number' }).notNull().default(0),
    stripeInvoiceId: text('stripe_invoice_id'),
    stripeInvoiceUrl: text('stripe_invoice_url'),
    qboInvoiceId: text('qbo_invoice_id'),
    qboInvoiceUrl: text('qbo_invoice_url'),
    notes: text('notes').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    ...timestamps(),
  },
  (t) => [
    index('purchase_orders_conference_status_idx').on(t.conferenceId, t.status),
    isoCurrency('purchase_orders_currency_check', t.currency),
    nonNegative('purchase_orders_subtotal_check', t.subtotal),
    nonNegative('purchase_orders_total_check', t.total),
  ],
);

const purchaseOrderId = (onDelete: 'cascade' | 'restrict') =>
  uuid('purchase_order_id')
    .notNull()
    .references(() => purchaseOrders.id, { onDelete });

export const purchaseOrderLines = pgTable(
  'purchase_order_lines',
  {
    id: id(),
    purchaseOrderId: purchaseOrderId('cascade'),
    conferenceId: conferenceId(),
    description: text('description').notNull(),
    quantity: integer('quantity').notNull().default(1),
    unitPrice: bigint('unit_price', { mode: 'number' }).notNull(),
    lineTotal: bigint('line_total', { mode: 'number' }).notNull(),
    // MOD-8 description and prices are snapshots: deleting a product keeps the line.
    ticketTypeId: uuid('ticket_type_id').references(() => ticketTypes.id, { onDelete: 'set null' }),
    addonId: uuid('addon_id').references(() => addons.id, { onDelete: 'set null' }),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    index('purchase_order_lines_purchase_order_id_idx').on(t.purchaseOrderId),
    check('purchase_order_lines_quantity_check', sql`${t.quantity} >= 1`),
    nonNegative('purchase_order_lines_unit_price_check', t.unitPrice),
    nonNegative('purchase_order_lines_line_total_check', t.lineTotal),
    check(
      'purchase_order_lines_line_total_sum_check',
      sql`${t.lineTotal} = ${t.unitPrice} * ${t.quantity}`,
    ),
    check(
      'purchase_order_lines_product_check',
      sql`num_nonnulls(${t.ticketTypeId}, ${t.addonId}) <= 1`,
    ),
  ],
);

// Money received stays on record: a purchase order with payments cannot be deleted on its own.
export const purchaseOrderPayments = pgTable(
  'purchase_order_payments',
  {
    id: id(),
    purchaseOrderId: purchaseOrderId('restrict'),
    conferenceId: conferenceId(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    reference: text('reference').notNull().default(''),
    method: poPaymentMethod('method').notNull().default('wire'),
    enteredBy: uuid('entered_by').references(() => users.id, { onDelete: 'set null' }),
    paymentDate: date('payment_date', { mode: 'string' }).notNull(),
    note: text('note').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    index('purchase_order_payments_purchase_order_id_idx').on(t.purchaseOrderId),
    positive('purchase_order_payments_amount_check', t.amount),
  ],
);

export const purchaseOrderCreditNotes = pgTable(
  'purchase_order_credit_notes',
  {
    id: id(),
    purchaseOrderId: uuid('purchase_order_id').notNull(),
    conferenceId: conferenceId(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    reason: text('reason').notNull(),
    issuedBy: uuid('issued_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('purchase_order_credit_notes_purchase_order_id_idx').on(t.purchaseOrderId),
    // Spelled-out name: the generated one exceeds PostgreSQL's 63-character identifier limit.
    foreignKey({
      name: 'purchase_order_credit_notes_purchase_order_id_fk',
      columns: [t.purchaseOrderId],
      foreignColumns: [purchaseOrders.id],
    }).onDelete('restrict'),
    positive('purchase_order_credit_notes_amount_check', t.amount),
    // MOD-10 a credit note states its reason
    notBlank('purchase_order_credit_notes_reason_check', t.reason),
  ],
);

export type PurchaseOrder = typeof purchaseOrders.$inferSelect;
export type NewPurchaseOrder = typeof purchaseOrders.$inferInsert;
export type PurchaseOrderLine = typeof purchaseOrderLines.$inferSelect;
export type NewPurchaseOrderLine = typeof purchaseOrderLines.$inferInsert;
export type PurchaseOrderPayment = typeof purchaseOrderPayments.$inferSelect;
export type NewPurchaseOrderPayment = typeof purchaseOrderPayments.$inferInsert;
export type PurchaseOrderCreditNote = typeof purchaseOrderCreditNotes.$inferSelect;
export type NewPurchaseOrderCreditNote = typeof purchaseOrderCreditNotes.$inferInsert;
