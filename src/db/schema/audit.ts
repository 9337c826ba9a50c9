import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { apiTokens, users } from './access.ts';
import { createdAt, id } from './columns.ts';
import { conferences } from './conferences.ts';

// D6.4 staff actions on money, admission and personal data. The log outlives what it records,
// so every reference is SET NULL; a NULL conference_id on a new row means an install-wide action.
export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    conferenceId: uuid('conference_id').references(() => conferences.id, { onDelete: 'set null' }),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    actorTokenId: uuid('actor_token_id').references(() => apiTokens.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    ip: text('ip').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    index('audit_log_conference_created_at_idx').on(t.conferenceId, t.createdAt),
    index('audit_log_entity_idx').on(t.entityType, t.entityId),
  ],
);

export type AuditLogEntry = typeof auditLog.$inferSelect;
export type NewAuditLogEntry = typeof auditLog.$inferInsert;
