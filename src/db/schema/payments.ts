import { sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
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
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './access.ts';
import {
  conferenceId,
  createdAt,
  id,
  isoCurrency,
  nonNegative,
  timestamps,
  tstz,
} from './columns.ts';
import { credits } from './credits.ts';
import { orderLines, orders } from './orders.ts';

export const paymentMethod = pgEnum('payment_method', [
  'stripe',
  'terminal',
  'comp',
  'credit',
  'manual',
]);

export const paymentStatus = pgEnum('payment_status', [
  'pending',
  'processing',
  'succeeded',
  'failed',
  'cancelled',
  'refunded',
]);

export const terminalCaptureStatus = pgEnum('terminal_capture_status', [
  'authorized',
  'captured',
  'cancelled',
  'failed',
]);

export const refundDestination = pgEnum('refund_destination', ['card', 'credit']);

export const refundStatus = pgEnum('refund_status', ['pending', 'succeeded', 'failed']);

export const payments = pgTable(
  'payments',
  {
    id: id(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    conferenceId: conferenceId(),
    method: paymentMethod('method').notNull(),
    status: paymentStatus('status').notNull().default('pending'),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    stripePaymentIntentId: text('stripe_payment_intent_id'),
    stripeChargeId: text('stripe_charge_id'),
    // D4.8 a credit payment names the credit that funded it; the credit's balance is derived.
    creditId: uuid('credit_id').references((): AnyPgColumn => credits.id, { onDelete: 'set null' }),
    reference: text('reference').notNull().default(''),
    note: text('note').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    idempotencyKey: text('idempotency_key'),
    ...timestamps(),
  },
  (t) => [
    index('payments_order_id_idx').on(t.orderId),
    index('payments_credit_id_idx')
      .on(t.creditId)
      .where(sql`${t.creditId} IS NOT NULL`),
    // D4.2 / payments W-9 one local row per PaymentIntent
    uniqueIndex('payments_stripe_payment_intent_id_idx')
      .on(t.stripePaymentIntentId)
      .where(sql`${t.stripePaymentIntentId} IS NOT NULL`),
    // D4.2 a repeated payment start records one payment
    uniqueIndex('payments_order_idempotency_key_idx')
      .on(t.orderId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} IS NOT NULL`),
    nonNegative('payments_amount_check', t.amount),
    isoCurrency('payments_currency_check', t.currency),
  ],
);

export const terminalPayments = pgTable(
  'terminal_payments',
  {
    id: id(),
    paymentId: uuid('payment_id')
      .notNull()
      .unique()
      .references(() => payments.id, { onDelete: 'cascade' }),
    conferenceId: conferenceId(),
    terminalId: text('terminal_id').notNull().default(''),
    readerId: text('reader_id').notNull().default(''),
    paymentIntentId: text('payment_intent_id').notNull(),
    captureStatus: terminalCaptureStatus('capture_status').notNull().default('authorized'),
    capturedAt: tstz('captured_at'),
    cancelledAt: tstz('cancelled_at'),
    cardBrand: text('card_brand').notNull().default(''),
    cardLast4: text('card_last4').notNull().default(''),
    receiptUrl: text('receipt_url').notNull().default(''),
    ...timestamps(),
  },
  (t) => [
    index('terminal_payments_payment_intent_id_idx').on(t.paymentIntentId),
    check('terminal_payments_card_last4_check', sql`${t.cardLast4} ~ '^([0-9]{4})?$'`),
  ],
);

// D4.6 refunds are explicit records: card or credit, never both.
export const refunds = pgTable(
  'refunds',
  {
    id: id(),
    // Money history stays: an order with refunds cannot be deleted on its own.
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'restrict' }),
    conferenceId: conferenceId(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    destination: refundDestination('destination').notNull(),
    status: refundStatus('status').notNull().default('pending'),
    reason: text('reason').notNull().default(''),
    paymentId: uuid('payment_id').references(() => payments.id, { onDelete: 'set null' }),
    creditId: uuid('credit_id').references((): AnyPgColumn => credits.id, { onDelete: 'set null' }),
    stripeRefundId: text('stripe_refund_id'),
    idempotencyKey: text('idempotency_key').notNull(),
    /** What the key first came with; the same key with another request is refused (D4.6). */
    idempotencyFingerprint: text('idempotency_fingerprint'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    failureMessage: text('failure_message').notNull().default(''),
    ...timestamps(),
  },
  (t) => [
    // D4.6 each refund has its own idempotency key
    unique('refunds_order_idempotency_key_unique').on(t.orderId, t.idempotencyKey),
    uniqueIndex('refunds_stripe_refund_id_idx')
      .on(t.stripeRefundId)
      .where(sql`${t.stripeRefundId} IS NOT NULL`),
    index('refunds_payment_id_idx')
      .on(t.paymentId)
      .where(sql`${t.paymentId} IS NOT NULL`),
    // Zero when a refund only cancels free lines (a comp ticket given back frees its seat).
    nonNegative('refunds_amount_check', t.amount),
    // D4.6 money goes back to the card or becomes store credit, never both
    check(
      'refunds_destination_check',
      sql`CASE ${t.destination} WHEN 'card' THEN ${t.creditId} IS NULL
        ELSE ${t.paymentId} IS NULL AND ${t.stripeRefundId} IS NULL END`,
    ),
  ],
);

export const refundLines = pgTable(
  'refund_lines',
  {
    id: id(),
    refundId: uuid('refund_id')
      .notNull()
      .references(() => refunds.id, { onDelete: 'cascade' }),
    orderLineId: uuid('order_line_id')
      .notNull()
      .references(() => orderLines.id, { onDelete: 'cascade' }),
    conferenceId: conferenceId(),
    quantity: integer('quantity').notNull(),
  },
  (t) => [
    unique('refund_lines_refund_order_line_unique').on(t.refundId, t.orderLineId),
    index('refund_lines_order_line_id_idx').on(t.orderLineId),
    check('refund_lines_quantity_check', sql`${t.quantity} >= 1`),
  ],
);

export const stripeCustomers = pgTable(
  'stripe_customers',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    conferenceId: conferenceId(),
    stripeCustomerId: text('stripe_customer_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    // MOD-3 one Stripe customer per user and conference (each conference has its own account)
    unique('stripe_customers_user_conference_unique').on(t.userId, t.conferenceId),
    unique('stripe_customers_conference_customer_unique').on(t.conferenceId, t.stripeCustomerId),
  ],
);

export const stripeEvents = pgTable(
  'stripe_events',
  {
    id: id(),
    conferenceId: conferenceId(),
    stripeId: text('stripe_id').notNull(),
    type: text('type').notNull(),
    livemode: boolean('livemode').notNull().default(false),
    apiVersion: text('api_version').notNull().default(''),
    payload: jsonb('payload').notNull(),
    processedAt: tstz('processed_at'),
    attempts: integer('attempts').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    // D4.7 events are stored insert-or-ignore by id
    unique('stripe_events_conference_stripe_id_unique').on(t.conferenceId, t.stripeId),
    index('stripe_events_unprocessed_idx')
      .on(t.conferenceId, t.createdAt)
      .where(sql`${t.processedAt} IS NULL`),
    nonNegative('stripe_events_attempts_check', t.attempts),
  ],
);

export const eventProcessingExceptions = pgTable(
  'event_processing_exceptions',
  {
    id: id(),
    eventId: uuid('event_id').references(() => stripeEvents.id, { onDelete: 'set null' }),
    conferenceId: conferenceId(),
    message: text('message').notNull(),
    traceback: text('traceback').notNull().default(''),
    data: jsonb('data').notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('event_processing_exceptions_event_id_idx').on(t.eventId)],
);

export type Payment = typeof payments.$inferSelect;
export type NewPayment = typeof payments.$inferInsert;
export type TerminalPayment = typeof terminalPayments.$inferSelect;
export type NewTerminalPayment = typeof terminalPayments.$inferInsert;
export type Refund = typeof refunds.$inferSelect;
export type NewRefund = typeof refunds.$inferInsert;
export type RefundLine = typeof refundLines.$inferSelect;
export type NewRefundLine = typeof refundLines.$inferInsert;
export type StripeCustomer = typeof stripeCustomers.$inferSelect;
export type NewStripeCustomer = typeof stripeCustomers.$inferInsert;
export type StripeEvent = typeof stripeEvents.$inferSelect;
export type NewStripeEvent = typeof stripeEvents.$inferInsert;
export type EventProcessingException = typeof eventProcessingExceptions.$inferSelect;
export type NewEventProcessingException = typeof eventProcessingExceptions.$inferInsert;
