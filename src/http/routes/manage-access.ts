import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createApiToken,
  grantRole,
  listApiTokens,
  listAuditLog,
  listRoleAssignments,
  listRoles,
  revokeApiToken,
  revokeRole,
  type ApiToken,
} from '../../services/access/index.ts';
import { conferenceOf } from '../plugins/auth.ts';
import { requireActor } from '../plugins/access.ts';
import {
  apiTokenBody,
  apiTokenView,
  auditEntryView,
  auditQuery,
  roleAssignmentBody,
  roleAssignmentView,
  roleView,
} from '../schemas/access.ts';
import { errorResponse } from '../schemas/common.ts';
import { manageFailures, manageIdParams, manageSlugParams } from '../schemas/manage-common.ts';

const BASE = '/api/v1/conferences/:slug/manage';
const tags = ['manage'];
const failures = { ...manageFailures, 409: errorResponse, 422: errorResponse };

function presentToken(row: ApiToken) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.tokenPrefix,
    permissions: row.permissions,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
  };
}

/** D5.5 roles per conference, API tokens for devices (shown once), and the D6.4 audit log. */
export async function manageAccessRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;

  r.get(
    `${BASE}/roles`,
    {
      schema: {
        tags,
        summary: 'Roles that can be granted here (built-in and this conference’s own)',
        params: manageSlugParams,
        response: { 200: z.object({ roles: z.array(roleView) }), ...failures },
      },
    },
    async (request) => {
      const conference = await conferenceOf(request, request.params.slug);
      const roles = await listRoles(db, conference, now());
      return {
        roles: roles.map((role) => ({
          key: role.key,
          name: role.name,
          builtIn: role.conferenceId === null,
          permissions: role.permissions,
        })),
      };
    },
  );

  r.get(
    `${BASE}/role-assignments`,
    {
      schema: {
        tags,
        params: manageSlugParams,
        response: { 200: z.object({ assignments: z.array(roleAssignmentView) }), ...failures },
      },
    },
    async (request) => ({
      assignments: await listRoleAssignments(db, await conferenceOf(request, request.params.slug)),
    }),
  );

  r.post(
    `${BASE}/role-assignments`,
    {
      schema: {
        tags,
        summary: 'Grant a role in this conference to an account (idempotent)',
        description:
          'Only someone holding every permission of the role in this conference (or a superuser) ' +
          'may grant it; otherwise 403 PERMISSION_ESCALATION lists the missing permissions.',
        params: manageSlugParams,
        body: roleAssignmentBody,
        response: {
          200: z.object({ email: z.string(), role: z.string(), created: z.boolean() }),
          ...failures,
        },
      },
    },
    async (request) => {
      const conference = await conferenceOf(request, request.params.slug);
      const granted = await grantRole(db, {
        conference,
        email: request.body.email,
        roleKey: request.body.role,
        actor: requireActor(request),
        ip: request.ip,
        now: now(),
      });
      return { email: granted.email, role: granted.role.key, created: granted.created };
    },
  );

  r.delete(
    `${BASE}/role-assignments`,
    {
      schema: {
        tags,
        summary: 'Take a role away',
        description: 'As for granting: only someone who could grant the role may take it away.',
        params: manageSlugParams,
        body: roleAssignmentBody,
        response: { 204: z.null(), ...failures },
      },
    },
    async (request, reply) => {
      const conference = await conferenceOf(request, request.params.slug);
      await revokeRole(db, {
        conference,
        email: request.body.email,
        roleKey: request.body.role,
        actor: requireActor(request),
        ip: request.ip,
        now: now(),
      });
      return reply.status(204).send(null);
    },
  );

  r.get(
    `${BASE}/api-tokens`,
    {
      schema: {
        tags,
        params: manageSlugParams,
        response: { 200: z.object({ tokens: z.array(apiTokenView) }), ...failures },
      },
    },
    async (request) => ({
      tokens: (await listApiTokens(db, await conferenceOf(request, request.params.slug))).map(
        presentToken,
      ),
    }),
  );

  r.post(
    `${BASE}/api-tokens`,
    {
      schema: {
        tags,
        summary: 'Create an API token for a scanner or integration; the secret is shown only now',
        description:
          'A token carries only permissions its creator holds in this conference (superusers ' +
          'excepted); otherwise 403 PERMISSION_ESCALATION lists the missing permissions.',
        params: manageSlugParams,
        body: apiTokenBody,
        response: { 201: apiTokenView.extend({ token: z.string() }), ...failures },
      },
    },
    async (request, reply) => {
      const conference = await conferenceOf(request, request.params.slug);
      const created = await createApiToken(db, {
        conference,
        name: request.body.name,
        permissions: request.body.permissions,
        expiresAt: request.body.expiresAt ?? null,
        actor: requireActor(request),
        ip: request.ip,
        now: now(),
      });
      return reply.status(201).send({ ...presentToken(created.row), token: created.token });
    },
  );

  r.delete(
    `${BASE}/api-tokens/:id`,
    {
      schema: {
        tags,
        summary: 'Revoke an API token at once',
        params: manageIdParams,
        response: { 200: apiTokenView, ...failures },
      },
    },
    async (request) => {
      const conference = await conferenceOf(request, request.params.slug);
      const row = await revokeApiToken(db, {
        conference,
        tokenId: request.params.id,
        actor: requireActor(request),
        ip: request.ip,
        now: now(),
      });
      return presentToken(row);
    },
  );

  r.get(
    `${BASE}/audit-log`,
    {
      schema: {
        tags,
        summary: 'Staff actions on money, admission and personal data, newest first',
        params: manageSlugParams,
        querystring: auditQuery,
        response: { 200: z.object({ entries: z.array(auditEntryView) }), ...failures },
      },
    },
    async (request) => {
      const conference = await conferenceOf(request, request.params.slug);
      const q = request.query;
      const entries = await listAuditLog(db, conference.id, {
        action: q.action,
        entityType: q.entityType,
        entityId: q.entityId,
        actorEmail: q.actor,
        since: q.since,
        before: q.before,
        limit: q.limit,
      });
      return {
        entries: entries.map((e) => ({
          id: e.id,
          action: e.action,
          entityType: e.entityType,
          entityId: e.entityId,
          actorEmail: e.actorEmail,
          actorTokenId: e.actorTokenId,
          details: e.details,
          ip: e.ip,
          createdAt: e.createdAt,
        })),
      };
    },
  );
}
