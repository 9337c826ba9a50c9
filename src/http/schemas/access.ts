import { z } from 'zod';
import { PERMISSIONS } from '../../domain/permissions.ts';
import { isoDateTime } from './common.ts';
import { dateTimeInput, textInput } from './manage-common.ts';

export const roleView = z.object({
  key: z.string(),
  name: z.string(),
  builtIn: z.boolean(),
  permissions: z.array(z.string()),
});

export const roleAssignmentView = z.object({
  email: z.string(),
  roleKey: z.string(),
  roleName: z.string(),
  permissions: z.array(z.string()),
  grantedAt: isoDateTime,
});

export const roleAssignmentBody = z.object({
  email: z.email().max(254),
  role: textInput(100).min(1),
});

export const apiTokenBody = z.object({
  name: textInput(200).min(1, 'is required'),
  permissions: z
    .array(z.enum(PERMISSIONS))
    .min(1, 'give at least one permission')
    .max(PERMISSIONS.length),
  expiresAt: dateTimeInput.optional(),
});

export const apiTokenView = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z
    .string()
    .describe('The first characters, to recognise a token; the secret is never shown again'),
  permissions: z.array(z.string()),
  createdAt: isoDateTime,
  lastUsedAt: isoDateTime.nullable(),
  expiresAt: isoDateTime.nullable(),
  revokedAt: isoDateTime.nullable(),
});

export const auditQuery = z.object({
  action: textInput(100).optional(),
  entityType: textInput(100).optional(),
  entityId: textInput(200).optional(),
  actor: z.email().max(254).optional().describe('Email of the person who acted'),
  since: dateTimeInput.optional(),
  before: dateTimeInput.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const auditEntryView = z.object({
  id: z.uuid(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  actorEmail: z.string().nullable(),
  actorTokenId: z.uuid().nullable(),
  details: z.record(z.string(), z.unknown()),
  ip: z.string(),
  createdAt: isoDateTime,
});

export const groupBody = z.object({
  name: textInput(200).min(1, 'is required'),
  description: textInput(2000).optional(),
});

export const groupView = z.object({
  id: z.uuid(),
  name: z.string(),
  slug: z.string(),
  description: z.string(),
  members: z.array(z.object({ userId: z.uuid(), email: z.string() })),
});

export const groupMembersBody = z.object({
  emails: z.array(z.email().max(254)).min(1).max(1_000),
});
