import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';

// Builders are spelled out here instead of coming from columns.ts, which imports this file.
const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const timestamps = () => ({
  createdAt: tstz('created_at').notNull().defaultNow(),
  updatedAt: tstz('updated_at')
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
});

/** Tri-state feature overrides (FEAT-2): a flag absent from the object uses the settings default. */
export type FeatureFlagOverrides = Partial<Record<string, boolean>>;

export const conferences = pgTable(
  'conferences',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    timezone: text('timezone').notNull().default('UTC'),
    currency: text('currency').notNull().default('USD'),
    venue: text('venue').notNull().default(''),
    address: text('address').notNull().default(''),
    websiteUrl: text('website_url').notNull().default(''),
    pretalxEventSlug: text('pretalx_event_slug').notNull().default(''),
    totalCapacity: integer('total_capacity').notNull().default(0),
    isActive: boolean('is_active').notNull().default(true),
    holdMinutes: integer('hold_minutes').notNull().default(15),
    cartExpiryMinutes: integer('cart_expiry_minutes').notNull().default(30),
    revenueBudget: bigint('revenue_budget', { mode: 'number' }),
    targetAttendance: integer('target_attendance'),
    grantBudget: bigint('grant_budget', { mode: 'number' }),
    featureFlags: jsonb('feature_flags').$type<FeatureFlagOverrides>().notNull().default({}),
    qboRealmId: text('qbo_realm_id'),
    // D6.1 secrets are stored encrypted; the *_enc columns hold ciphertext only.
    stripeSecretKeyEnc: text('stripe_secret_key_enc'),
    stripePublishableKeyEnc: text('stripe_publishable_key_enc'),
    stripeWebhookSecretEnc: text('stripe_webhook_secret_enc'),
    qboCredentialsEnc: text('qbo_credentials_enc'),
    pretalxTokenEnc: text('pretalx_token_enc'),
    ...timestamps(),
  },
  (t) => [
    check('conferences_slug_check', sql`${t.slug} <> ''`),
    check('conferences_dates_check', sql`${t.startDate} <= ${t.endDate}`),
    // D1.1 ISO 4217 code
    check('conferences_currency_check', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    // CONF-1 0 = unlimited
    check('conferences_total_capacity_check', sql`${t.totalCapacity} >= 0`),
    check('conferences_hold_minutes_check', sql`${t.holdMinutes} > 0`),
    check('conferences_cart_expiry_minutes_check', sql`${t.cartExpiryMinutes} > 0`),
    check('conferences_revenue_budget_check', sql`${t.revenueBudget} >= 0`),
    check('conferences_target_attendance_check', sql`${t.targetAttendance} >= 0`),
    check('conferences_grant_budget_check', sql`${t.grantBudget} >= 0`),
    check('conferences_feature_flags_check', sql`jsonb_typeof(${t.featureFlags}) = 'object'`),
  ],
);

export const conferenceSections = pgTable(
  'conference_sections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    conferenceId: uuid('conference_id')
      .notNull()
      .references(() => conferences.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    ...timestamps(),
  },
  (t) => [
    unique('conference_sections_conference_slug_unique').on(t.conferenceId, t.slug),
    check('conference_sections_slug_check', sql`${t.slug} <> ''`),
    check('conference_sections_dates_check', sql`${t.startDate} <= ${t.endDate}`),
    check('conference_sections_sort_order_check', sql`${t.sortOrder} >= 0`),
  ],
);

export type Conference = typeof conferences.$inferSelect;
export type NewConference = typeof conferences.$inferInsert;
export type ConferenceSection = typeof conferenceSections.$inferSelect;
export type NewConferenceSection = typeof conferenceSections.$inferInsert;
