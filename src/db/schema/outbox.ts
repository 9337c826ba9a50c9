import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgEnum, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, nonNegative, positive, tstz } from './columns.ts';
import { conferences } from './conferences.ts';

export const jobStatus = pgEnum('job_status', ['pending', 'running', 'done', 'failed']);

// Written in the same transaction as the change it announces; delivered after commit (STYLE §4).
export const outbox = pgTable(
  'outbox',
  {
    id: id(),
    // NULL for work that belongs to no conference (e.g. session cleanup).
    conferenceId: uuid('conference_id').references(() => conferences.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull().default({}),
    // D4.4 e.g. one confirmation email per paid order
    dedupeKey: text('dedupe_key').unique(),
    status: jobStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(8),
    runAfter: tstz('run_after').notNull().defaultNow(),
    lockedUntil: tstz('locked_until'),
    lastError: text('last_error').notNull().default(''),
    createdAt: createdAt(),
    finishedAt: tstz('finished_at'),
  },
  (t) => [
    index('outbox_status_run_after_idx').on(t.status, t.runAfter),
    index('outbox_conference_id_idx').on(t.conferenceId),
    nonNegative('outbox_attempts_check', t.attempts),
    positive('outbox_max_attempts_check', t.maxAttempts),
    check('outbox_kind_check', sql`${t.kind} <> ''`),
  ],
);

export type OutboxJob = typeof outbox.$inferSelect;
export type NewOutboxJob = typeof outbox.$inferInsert;
