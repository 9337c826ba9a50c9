import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { users } from './access.ts';
import { attendees } from './attendees.ts';
import { addons, ticketTypes } from './catalog.ts';
import { conferenceId, id, tstz } from './columns.ts';
import { orderLines } from './orders.ts';

const attendeeId = () =>
  uuid('attendee_id')
    .notNull()
    .references(() => attendees.id, { onDelete: 'cascade' });

const staffRef = (name: string) => uuid(name).references(() => users.id, { onDelete: 'set null' });

// CIN-1 one row per admission; re-entries add rows. Undo is a stamp, not a delete (D5.1).
export const checkIns = pgTable(
  'check_ins',
  {
    id: id(),
    attendeeId: attendeeId(),
    conferenceId: conferenceId(),
    checkedInAt: tstz('checked_in_at').notNull().defaultNow(),
    checkedInBy: staffRef('checked_in_by'),
    station: text('station').notNull().default(''),
    note: text('note').notNull().default(''),
    isReentry: boolean('is_reentry').notNull().default(false),
    undoneAt: tstz('undone_at'),
    undoneBy: staffRef('undone_by'),
  },
  (t) => [
    index('check_ins_attendee_checked_in_at_idx').on(t.attendeeId, t.checkedInAt),
    index('check_ins_conference_checked_in_at_idx').on(t.conferenceId, t.checkedInAt),
  ],
);

export const doorChecks = pgTable(
  'door_checks',
  {
    id: id(),
    attendeeId: attendeeId(),
    ticketTypeId: uuid('ticket_type_id').references(() => ticketTypes.id, { onDelete: 'cascade' }),
    addonId: uuid('addon_id').references(() => addons.id, { onDelete: 'cascade' }),
    conferenceId: conferenceId(),
    checkedAt: tstz('checked_at').notNull().defaultNow(),
    checkedBy: staffRef('checked_by'),
    station: text('station').notNull().default(''),
    undoneAt: tstz('undone_at'),
    undoneBy: staffRef('undone_by'),
  },
  (t) => [
    index('door_checks_attendee_id_idx').on(t.attendeeId),
    index('door_checks_conference_checked_at_idx').on(t.conferenceId, t.checkedAt),
    // CIN-2 a door check admits to exactly one product
    check('door_checks_one_product_check', sql`num_nonnulls(${t.ticketTypeId}, ${t.addonId}) = 1`),
  ],
);

// CIN-3 deliberately no unique (attendee, line): a line of quantity N is redeemed N times.
export const productRedemptions = pgTable(
  'product_redemptions',
  {
    id: id(),
    attendeeId: attendeeId(),
    orderLineId: uuid('order_line_id')
      .notNull()
      .references(() => orderLines.id, { onDelete: 'cascade' }),
    conferenceId: conferenceId(),
    redeemedAt: tstz('redeemed_at').notNull().defaultNow(),
    redeemedBy: staffRef('redeemed_by'),
    note: text('note').notNull().default(''),
    undoneAt: tstz('undone_at'),
    undoneBy: staffRef('undone_by'),
  },
  (t) => [
    index('product_redemptions_order_line_id_idx').on(t.orderLineId),
    index('product_redemptions_attendee_id_idx').on(t.attendeeId),
  ],
);

export type CheckIn = typeof checkIns.$inferSelect;
export type NewCheckIn = typeof checkIns.$inferInsert;
export type DoorCheck = typeof doorChecks.$inferSelect;
export type NewDoorCheck = typeof doorChecks.$inferInsert;
export type ProductRedemption = typeof productRedemptions.$inferSelect;
export type NewProductRedemption = typeof productRedemptions.$inferInsert;
