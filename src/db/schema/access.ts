import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  pgTable,
  primaryKey,
  text,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { conferenceId, createdAt, id, notBlank, timestamps, tstz } from './columns.ts';
import { conferences } from './conferences.ts';

export const users = pgTable(
  'users',
  {
    id: id(),
    email: text('email').notNull(),
    passwordHash: text('password_hash'),
    firstName: text('first_name').notNull().default(''),
    lastName: text('last_name').notNull().default(''),
    isSuperuser: boolean('is_superuser').notNull().default(false),
    isStaff: boolean('is_staff').notNull().default(false),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('users_email_lower_unique').on(sql`lower(${t.email})`),
    notBlank('users_email_check', t.email),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    // sha256 hex of the cookie token: a leaked table does not yield usable cookies.
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: tstz('expires_at').notNull(),
    createdAt: createdAt(),
    lastSeenAt: tstz('last_seen_at').notNull().defaultNow(),
  },
  (t) => [
    index('sessions_user_id_idx').on(t.userId),
    index('sessions_expires_at_idx').on(t.expiresAt),
    check('sessions_id_check', sql`${t.id} ~ '^[0-9a-f]{64}$'`),
  ],
);

export const groups = pgTable(
  'groups',
  {
    id: id(),
    conferenceId: conferenceId(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    description: text('description').notNull().default(''),
    ...timestamps(),
  },
  (t) => [
    unique('groups_conference_slug_unique').on(t.conferenceId, t.slug),
    notBlank('groups_slug_check', t.slug),
  ],
);

export const groupMembers = pgTable(
  'group_members',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    conferenceId: conferenceId(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'group_members_pk', columns: [t.groupId, t.userId] }),
    index('group_members_user_id_idx').on(t.userId),
  ],
);

export const roles = pgTable(
  'roles',
  {
    id: id(),
    // NULL = built-in role, usable in every conference (D5.5).
    conferenceId: uuid('conference_id').references(() => conferences.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    name: text('name').notNull(),
    permissions: text('permissions')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    ...timestamps(),
  },
  (t) => [
    // A built-in key exists once; NULLS NOT DISTINCT makes the NULL conference count as one scope.
    unique('roles_conference_key_unique').on(t.conferenceId, t.key).nullsNotDistinct(),
    notBlank('roles_key_check', t.key),
  ],
);

export const roleAssignments = pgTable(
  'role_assignments',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    conferenceId: conferenceId(),
    roleId: uuid('role_id')
      .notNull()
      .references(() => roles.id, { onDelete: 'cascade' }),
    grantedBy: uuid('granted_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    unique('role_assignments_user_conference_role_unique').on(t.userId, t.conferenceId, t.roleId),
    index('role_assignments_conference_id_idx').on(t.conferenceId),
  ],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: id(),
    conferenceId: conferenceId(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    tokenPrefix: text('token_prefix').notNull(),
    permissions: text('permissions')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    lastUsedAt: tstz('last_used_at'),
    expiresAt: tstz('expires_at'),
    revokedAt: tstz('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [index('api_tokens_conference_id_idx').on(t.conferenceId)],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type Session = typeof sessions.$inferSelect;
export type NewSession = typeof sessions.$inferInsert;
export type Group = typeof groups.$inferSelect;
export type NewGroup = typeof groups.$inferInsert;
export type GroupMember = typeof groupMembers.$inferSelect;
export type NewGroupMember = typeof groupMembers.$inferInsert;
export type Role = typeof roles.$inferSelect;
export type NewRole = typeof roles.$inferInsert;
export type RoleAssignment = typeof roleAssignments.$inferSelect;
export type NewRoleAssignment = typeof roleAssignments.$inferInsert;
export type ApiToken = typeof apiTokens.$inferSelect;
export type NewApiToken = typeof apiTokens.$inferInsert;
