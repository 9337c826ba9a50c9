import { sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import {
  bigint,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { groups } from './access.ts';
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
import { conferences } from './conferences.ts';

export const conditionKind = pgEnum('condition_kind', [
  'time_or_stock',
  'speaker',
  'group_member',
  'included_product',
  'product_discount',
  'category_discount',
]);

export const discountType = pgEnum('discount_type', ['percentage', 'fixed_amount']);

// All six reference condition models in one table (COND-1..9). Uses are derived from order lines.
export const discountConditions = pgTable(
  'discount_conditions',
  {
    id: id(),
    conferenceId: conferenceId(),
    kind: conditionKind('kind').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    isActive: boolean('is_active').notNull().default(true),
    // COND-1 lower runs first
    priority: integer('priority').notNull().default(0),
    discountType: discountType('discount_type'),
    percentOffBp: integer('percent_off_bp'),
    amountOff: bigint('amount_off', { mode: 'number' }),
    maxQuantity: integer('max_quantity').notNull().default(0),
    startTime: tstz('start_time'),
    endTime: tstz('end_time'),
    usageLimit: integer('usage_limit').notNull().default(0),
    isPresenter: boolean('is_presenter').notNull().default(true),
    isCopresenter: boolean('is_copresenter').notNull().default(false),
    applyToTickets: boolean('apply_to_tickets').notNull().default(true),
    applyToAddons: boolean('apply_to_addons').notNull().default(true),
    ...timestamps(),
  },
  (t) => [
    index('discount_conditions_conference_priority_idx').on(t.conferenceId, t.priority),
    // D3.5 percentages 0-100 %, values >= 0
    basisPoints('discount_conditions_percent_off_bp_check', t.percentOffBp),
    nonNegative('discount_conditions_amount_off_check', t.amountOff),
    // COND-2 0 = unlimited units per line
    nonNegative('discount_conditions_max_quantity_check', t.maxQuantity),
    // D3.6 counts discounted units; 0 = unlimited
    nonNegative('discount_conditions_usage_limit_check', t.usageLimit),
    windowOrdered('discount_conditions_window_check', t.startTime, t.endTime),
    // COND-9 a category discount is a plain percentage; every other kind has an effect (COND-2).
    check(
      'discount_conditions_effect_check',
      sql`CASE WHEN ${t.kind} = 'category_discount' THEN ${t.percentOffBp} IS NOT NULL
        ELSE ${t.discountType} IS NOT NULL
          AND (${t.discountType} <> 'percentage' OR ${t.percentOffBp} IS NOT NULL)
          AND (${t.discountType} <> 'fixed_amount' OR ${t.amountOff} IS NOT NULL) END`,
    ),
  ],
);

// Spelled-out FK names: the generated ones exceed PostgreSQL's 63-character identifier limit.
const cascadeFk = (table: string, column: AnyPgColumn, target: AnyPgColumn) =>
  foreignKey({
    name: `${table}_${column.name}_fk`,
    columns: [column],
    foreignColumns: [target],
  }).onDelete('cascade');

const joinColumns = () => ({
  conditionId: uuid('condition_id').notNull(),
  conferenceId: uuid('conference_id').notNull(),
});

/** Condition scope (C-3: an empty set means every ticket type). */
export const discountConditionTicketTypes = pgTable(
  'discount_condition_ticket_types',
  { ...joinColumns(), ticketTypeId: uuid('ticket_type_id').notNull() },
  (t) => [
    primaryKey({
      name: 'discount_condition_ticket_types_pk',
      columns: [t.conditionId, t.ticketTypeId],
    }),
    index('discount_condition_ticket_types_ticket_type_id_idx').on(t.ticketTypeId),
    cascadeFk('discount_condition_ticket_types', t.conditionId, discountConditions.id),
    cascadeFk('discount_condition_ticket_types', t.conferenceId, conferences.id),
    cascadeFk('discount_condition_ticket_types', t.ticketTypeId, ticketTypes.id),
  ],
);

/** Condition scope (C-3: an empty set means every add-on). */
export const discountConditionAddons = pgTable(
  'discount_condition_addons',
  { ...joinColumns(), addonId: uuid('addon_id').notNull() },
  (t) => [
    primaryKey({ name: 'discount_condition_addons_pk', columns: [t.conditionId, t.addonId] }),
    index('discount_condition_addons_addon_id_idx').on(t.addonId),
    cascadeFk('discount_condition_addons', t.conditionId, discountConditions.id),
    cascadeFk('discount_condition_addons', t.conferenceId, conferences.id),
    cascadeFk('discount_condition_addons', t.addonId, addons.id),
  ],
);

/** COND-6 qualifying groups of a group_member condition (empty = never qualifies). */
export const discountConditionGroups = pgTable(
  'discount_condition_groups',
  { ...joinColumns(), groupId: uuid('group_id').notNull() },
  (t) => [
    primaryKey({ name: 'discount_condition_groups_pk', columns: [t.conditionId, t.groupId] }),
    index('discount_condition_groups_group_id_idx').on(t.groupId),
    cascadeFk('discount_condition_groups', t.conditionId, discountConditions.id),
    cascadeFk('discount_condition_groups', t.conferenceId, conferences.id),
    cascadeFk('discount_condition_groups', t.groupId, groups.id),
  ],
);

/** COND-7 enabling ticket types of an included_product condition (empty = never qualifies). */
export const discountConditionEnablingTicketTypes = pgTable(
  'discount_condition_enabling_ticket_types',
  { ...joinColumns(), ticketTypeId: uuid('ticket_type_id').notNull() },
  (t) => [
    primaryKey({
      name: 'discount_condition_enabling_ticket_types_pk',
      columns: [t.conditionId, t.ticketTypeId],
    }),
    index('discount_condition_enabling_ticket_types_ticket_type_id_idx').on(t.ticketTypeId),
    cascadeFk('discount_condition_enabling_ticket_types', t.conditionId, discountConditions.id),
    cascadeFk('discount_condition_enabling_ticket_types', t.conferenceId, conferences.id),
    cascadeFk('discount_condition_enabling_ticket_types', t.ticketTypeId, ticketTypes.id),
  ],
);

export type DiscountCondition = typeof discountConditions.$inferSelect;
export type NewDiscountCondition = typeof discountConditions.$inferInsert;
export type DiscountConditionTicketType = typeof discountConditionTicketTypes.$inferSelect;
export type NewDiscountConditionTicketType = typeof discountConditionTicketTypes.$inferInsert;
export type DiscountConditionAddon = typeof discountConditionAddons.$inferSelect;
export type NewDiscountConditionAddon = typeof discountConditionAddons.$inferInsert;
export type DiscountConditionGroup = typeof discountConditionGroups.$inferSelect;
export type NewDiscountConditionGroup = typeof discountConditionGroups.$inferInsert;
export type DiscountConditionEnablingTicketType =
  typeof discountConditionEnablingTicketTypes.$inferSelect;
export type NewDiscountConditionEnablingTicketType =
  typeof discountConditionEnablingTicketTypes.$inferInsert;
