import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addGroupMembers,
  createGroup,
  deleteGroup,
  getGroup,
  listGroups,
  removeGroupMember,
  updateGroup,
} from '../../services/access/index.ts';
import { conferenceOf } from '../plugins/auth.ts';
import { requireActor } from '../plugins/access.ts';
import { groupBody, groupMembersBody, groupView } from '../schemas/access.ts';
import { errorResponse } from '../schemas/common.ts';
import {
  manageFailures,
  manageIdParams,
  manageSlugParams,
  patchOf,
  textInput,
} from '../schemas/manage-common.ts';

const BASE = '/api/v1/conferences/:slug/manage/groups';
const tags = ['manage'];
const failures = { ...manageFailures, 409: errorResponse, 422: errorResponse };
const memberParams = manageIdParams.extend({ userId: z.uuid('must be a UUID') });

/** COND-6: the groups a group-member discount names, and who is in them. */
export async function manageGroupRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;

  r.get(
    BASE,
    {
      schema: {
        tags,
        params: manageSlugParams,
        response: { 200: z.object({ groups: z.array(groupView) }), ...failures },
      },
    },
    async (request) => ({
      groups: await listGroups(db, await conferenceOf(request, request.params.slug)),
    }),
  );
  r.post(
    BASE,
    {
      schema: {
        tags,
        params: manageSlugParams,
        body: groupBody,
        response: { 201: groupView, ...failures },
      },
    },
    async (request, reply) => {
      const conference = await conferenceOf(request, request.params.slug);
      return reply.status(201).send(await createGroup(db, conference, request.body, now()));
    },
  );
  r.get(
    `${BASE}/:id`,
    { schema: { tags, params: manageIdParams, response: { 200: groupView, ...failures } } },
    async (request) =>
      getGroup(db, await conferenceOf(request, request.params.slug), request.params.id),
  );
  r.patch(
    `${BASE}/:id`,
    {
      schema: {
        tags,
        params: manageIdParams,
        body: patchOf({ name: textInput(200).min(1), description: textInput(2000) }),
        response: { 200: groupView, ...failures },
      },
    },
    async (request) =>
      updateGroup(
        db,
        await conferenceOf(request, request.params.slug),
        request.params.id,
        request.body,
        now(),
      ),
  );
  r.delete(
    `${BASE}/:id`,
    { schema: { tags, params: manageIdParams, response: { 204: z.null(), ...failures } } },
    async (request, reply) => {
      await deleteGroup(db, await conferenceOf(request, request.params.slug), request.params.id);
      return reply.status(204).send(null);
    },
  );
  r.post(
    `${BASE}/:id/members`,
    {
      schema: {
        tags,
        summary: 'Add people by email; unknown emails are listed back',
        params: manageIdParams,
        body: groupMembersBody,
        response: {
          200: z.object({ group: groupView, unknown: z.array(z.string()) }),
          ...failures,
        },
      },
    },
    async (request) =>
      addGroupMembers(db, {
        conference: await conferenceOf(request, request.params.slug),
        groupId: request.params.id,
        emails: request.body.emails,
        actor: requireActor(request),
        ip: request.ip,
        now: now(),
      }),
  );
  r.delete(
    `${BASE}/:id/members/:userId`,
    { schema: { tags, params: memberParams, response: { 200: groupView, ...failures } } },
    async (request) =>
      removeGroupMember(db, {
        conference: await conferenceOf(request, request.params.slug),
        groupId: request.params.id,
        userId: request.params.userId,
        actor: requireActor(request),
        ip: request.ip,
        now: now(),
      }),
  );
}
