import { sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './access.ts';
import { attendees } from './attendees.ts';
import {
  bytea,
  conferenceId,
  createdAt,
  id,
  notBlank,
  positive,
  timestamps,
  tstz,
} from './columns.ts';

export const badgeBannerPosition = pgEnum('badge_banner_position', [
  'below_header',
  'above_name',
  'below_name',
  'bottom',
]);

export const badgeFormat = pgEnum('badge_format', ['pdf', 'png']);

export const letterStatus = pgEnum('letter_status', [
  'submitted',
  'under_review',
  'approved',
  'generated',
  'sent',
  'rejected',
]);

const hexColor = (name: string, column: AnyPgColumn) =>
  check(name, sql`${column} ~ '^#[0-9A-Fa-f]{6}$'`);

export const badgeTemplates = pgTable(
  'badge_templates',
  {
    id: id(),
    conferenceId: conferenceId(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    widthMm: integer('width_mm').notNull().default(102),
    heightMm: integer('height_mm').notNull().default(152),
    ticketBannerPosition: badgeBannerPosition('ticket_banner_position')
      .notNull()
      .default('below_header'),
    showName: boolean('show_name').notNull().default(true),
    showEmail: boolean('show_email').notNull().default(false),
    showCompany: boolean('show_company').notNull().default(false),
    showTicketType: boolean('show_ticket_type').notNull().default(true),
    showQrCode: boolean('show_qr_code').notNull().default(true),
    showConferenceName: boolean('show_conference_name').notNull().default(true),
    backgroundColor: text('background_color').notNull().default('#FFFFFF'),
    textColor: text('text_color').notNull().default('#000000'),
    accentColor: text('accent_color').notNull().default('#4338CA'),
    fontName: text('font_name').notNull().default(''),
    fontBody: text('font_body').notNull().default(''),
    logo: bytea('logo'),
    backgroundImage: bytea('background_image'),
    ...timestamps(),
  },
  (t) => [
    unique('badge_templates_conference_slug_unique').on(t.conferenceId, t.slug),
    notBlank('badge_templates_slug_check', t.slug),
    // BADGE-3 at most one default template per conference
    uniqueIndex('badge_templates_one_default_idx')
      .on(t.conferenceId)
      .where(sql`${t.isDefault}`),
    positive('badge_templates_width_mm_check', t.widthMm),
    positive('badge_templates_height_mm_check', t.heightMm),
    // BADGE-1 colours are #RRGGBB
    hexColor('badge_templates_background_color_check', t.backgroundColor),
    hexColor('badge_templates_text_color_check', t.textColor),
    hexColor('badge_templates_accent_color_check', t.accentColor),
  ],
);

export const badges = pgTable(
  'badges',
  {
    id: id(),
    attendeeId: uuid('attendee_id')
      .notNull()
      .references(() => attendees.id, { onDelete: 'cascade' }),
    templateId: uuid('template_id').references(() => badgeTemplates.id, { onDelete: 'set null' }),
    conferenceId: conferenceId(),
    format: badgeFormat('format').notNull().default('pdf'),
    content: bytea('content').notNull(),
    // D5.3 regenerate when the hash of template + attendee data changes
    contentHash: text('content_hash').notNull(),
    generatedAt: tstz('generated_at').notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [
    // NULLs stay distinct: badges orphaned by deleted templates must not collide.
    unique('badges_attendee_template_format_unique').on(t.attendeeId, t.templateId, t.format),
    index('badges_template_id_idx').on(t.templateId),
  ],
);

export const letterRequests = pgTable(
  'letter_requests',
  {
    id: id(),
    conferenceId: conferenceId(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    attendeeId: uuid('attendee_id').references(() => attendees.id, { onDelete: 'set null' }),
    passportName: text('passport_name').notNull(),
    // D6.1 ciphertext only
    passportNumberEnc: text('passport_number_enc').notNull(),
    nationality: text('nationality').notNull(),
    dateOfBirth: date('date_of_birth', { mode: 'string' }),
    travelFrom: date('travel_from', { mode: 'string' }).notNull(),
    travelUntil: date('travel_until', { mode: 'string' }).notNull(),
    destinationAddress: text('destination_address').notNull(),
    embassyName: text('embassy_name').notNull().default(''),
    status: letterStatus('status').notNull().default('submitted'),
    rejectionReason: text('rejection_reason').notNull().default(''),
    generatedPdf: bytea('generated_pdf'),
    reviewedBy: uuid('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
    reviewedAt: tstz('reviewed_at'),
    sentAt: tstz('sent_at'),
    // D5.4 staff may issue a letter without an active registration
    staffOverride: boolean('staff_override').notNull().default(false),
    ...timestamps(),
  },
  (t) => [
    // LTR-1 one request per user and conference
    unique('letter_requests_user_conference_unique').on(t.userId, t.conferenceId),
    index('letter_requests_conference_status_idx').on(t.conferenceId, t.status),
    // D5.4 dates are validated
    check('letter_requests_travel_dates_check', sql`${t.travelFrom} <= ${t.travelUntil}`),
    // LTR-4 a rejection carries its reason
    check(
      'letter_requests_rejection_reason_check',
      sql`${t.status} <> 'rejected' OR ${t.rejectionReason} <> ''`,
    ),
  ],
);

export type BadgeTemplate = typeof badgeTemplates.$inferSelect;
export type NewBadgeTemplate = typeof badgeTemplates.$inferInsert;
export type Badge = typeof badges.$inferSelect;
export type NewBadge = typeof badges.$inferInsert;
export type LetterRequest = typeof letterRequests.$inferSelect;
export type NewLetterRequest = typeof letterRequests.$inferInsert;
