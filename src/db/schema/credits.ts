import { sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { bigint, index, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './access.ts';
import { conferenceId, id, isoCurrency, positive, timestamps, tstz } from './columns.ts';
import { orders } from './orders.ts';
import { refunds } from './payments.ts';

export const creditStatus = pgEnum('credit_status', ['available', 'expired', 'voided']);

// D4.8 the remaining balance is derived (amount minus succeeded credit payments): no counter.
export const credits = pgTable(
  'credits',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    conferenceId: conferenceId(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    status: creditStatus('status').notNull().default('available'),
    expiresAt: tstz('expires_at'),
    sourceOrderId: uuid('source_order_id').references(() => orders.id, { onDelete: 'set null' }),
    sourceRefundId: uuid('source_refund_id').references((): AnyPgColumn => refunds.id, {
      onDelete: 'set null',
    }),
    note: text('note').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    ...timestamps(),
  },
  (t) => [
    index('credits_user_conference_idx').on(t.userId, t.conferenceId),
    // D4.6 a refund to credit issues exactly one credit
    uniqueIndex('credits_source_refund_id_idx')
      .on(t.sourceRefundId)
      .where(sql`${t.sourceRefundId} IS NOT NULL`),
    positive('credits_amount_check', t.amount),
    isoCurrency('credits_currency_check', t.currency),
  ],
);

export type Credit = typeof credits.$inferSelect;
export type NewCredit = typeof credits.$inferInsert;
