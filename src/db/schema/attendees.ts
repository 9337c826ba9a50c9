import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './access.ts';
import { conferenceId, id, nonNegative, notBlank, timestamps, tstz } from './columns.ts';
import { orders } from './orders.ts';

export const questionKind = pgEnum('question_kind', ['text', 'select', 'boolean']);

export const attendees = pgTable(
  'attendees',
  {
    id: id(),
    // Admission history stays: a user who attended cannot be deleted.
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    conferenceId: conferenceId(),
    orderId: uuid('order_id').references(() => orders.id, { onDelete: 'set null' }),
    accessCode: text('access_code').notNull().unique(),
    checkedInAt: tstz('checked_in_at'),
    completedRegistration: boolean('completed_registration').notNull().default(false),
    // D4.6 false once the ticket is refunded: admission withdrawn, history kept.
    isActive: boolean('is_active').notNull().default(true),
    ...timestamps(),
  },
  (t) => [
    // ATT-1 one attendee per person and conference
    unique('attendees_user_conference_unique').on(t.userId, t.conferenceId),
    index('attendees_order_id_idx').on(t.orderId),
    index('attendees_conference_id_idx').on(t.conferenceId),
    // D1.2 8 characters, upper-case, no look-alikes (0/O, 1/I/L)
    check('attendees_access_code_check', sql`${t.accessCode} ~ '^[A-HJ-KM-NP-Z2-9]{8}$'`),
  ],
);

export const attendeeQuestions = pgTable(
  'attendee_questions',
  {
    id: id(),
    conferenceId: conferenceId(),
    key: text('key').notNull(),
    label: text('label').notNull(),
    kind: questionKind('kind').notNull().default('text'),
    options: jsonb('options').$type<string[]>().notNull().default([]),
    isRequired: boolean('is_required').notNull().default(false),
    sortOrder: integer('sort_order').notNull().default(0),
    isActive: boolean('is_active').notNull().default(true),
    ...timestamps(),
  },
  (t) => [
    unique('attendee_questions_conference_key_unique').on(t.conferenceId, t.key),
    notBlank('attendee_questions_key_check', t.key),
    check('attendee_questions_options_check', sql`jsonb_typeof(${t.options}) = 'array'`),
    nonNegative('attendee_questions_sort_order_check', t.sortOrder),
  ],
);

export const attendeeAnswers = pgTable(
  'attendee_answers',
  {
    id: id(),
    attendeeId: uuid('attendee_id')
      .notNull()
      .references(() => attendees.id, { onDelete: 'cascade' }),
    questionId: uuid('question_id')
      .notNull()
      .references(() => attendeeQuestions.id, { onDelete: 'cascade' }),
    conferenceId: conferenceId(),
    value: jsonb('value').notNull(),
    ...timestamps(),
  },
  (t) => [
    unique('attendee_answers_attendee_question_unique').on(t.attendeeId, t.questionId),
    index('attendee_answers_question_id_idx').on(t.questionId),
  ],
);

export type Attendee = typeof attendees.$inferSelect;
export type NewAttendee = typeof attendees.$inferInsert;
export type AttendeeQuestion = typeof attendeeQuestions.$inferSelect;
export type NewAttendeeQuestion = typeof attendeeQuestions.$inferInsert;
export type AttendeeAnswer = typeof attendeeAnswers.$inferSelect;
export type NewAttendeeAnswer = typeof attendeeAnswers.$inferInsert;
