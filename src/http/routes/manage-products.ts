import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../services/common/database.ts';
import type { Conference } from '../../services/conferences/index.ts';
import { conferenceOf } from '../plugins/auth.ts';
import { errorResponse } from '../schemas/common.ts';
import { manageFailures, manageIdParams, manageSlugParams } from '../schemas/manage-common.ts';

/** What differs between the organiser routes of ticket types and add-ons. */
export interface ProductRoutes<Create extends z.ZodType, Patch extends z.ZodType, Managed> {
  /** `ticket-types`, `addons` */
  path: string;
  /** The list answer's key: `{ ticketTypes: [...] }`. */
  listKey: string;
  createBody: Create;
  patchBody: Patch;
  view: z.ZodType;
  summaries: { list: string; create: string; update: string; remove: string };
  removeDescription: string;
  /** Failures a create or update may answer with beyond 400/401/403/404. */
  writeFailures: Record<number, typeof errorResponse>;
  service: {
    list(db: Database, conference: Conference, now: Date): Promise<Managed[]>;
    create(
      db: Database,
      conference: Conference,
      input: z.output<Create>,
      now: Date,
    ): Promise<Managed>;
    get(db: Database, conference: Conference, id: string, now: Date): Promise<Managed>;
    update(
      db: Database,
      conference: Conference,
      id: string,
      patch: z.output<Patch>,
      now: Date,
    ): Promise<Managed>;
    remove(db: Database, conference: Conference, id: string): Promise<void>;
  };
}

/** Organiser CRUD for one kind of product (CAT-1, CAT-4, CAT-5); permissions in route-permissions.ts. */
export function registerProductRoutes<Create extends z.ZodType, Patch extends z.ZodType, Managed>(
  app: FastifyInstance,
  spec: ProductRoutes<Create, Patch, Managed>,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;
  const base = `/api/v1/conferences/:slug/manage/${spec.path}`;
  const tags = ['manage'];
  const writeFailures = { ...manageFailures, ...spec.writeFailures };
  const { service } = spec;

  r.get(
    base,
    {
      schema: {
        tags,
        summary: spec.summaries.list,
        params: manageSlugParams,
        response: { 200: z.object({ [spec.listKey]: z.array(spec.view) }), ...manageFailures },
      },
    },
    async (request) => {
      const conference = await conferenceOf(request, request.params.slug);
      return { [spec.listKey]: await service.list(db, conference, now()) };
    },
  );

  r.post(
    base,
    {
      schema: {
        tags,
        summary: spec.summaries.create,
        params: manageSlugParams,
        body: spec.createBody,
        response: { 201: spec.view, ...writeFailures },
      },
    },
    async (request, reply) => {
      const conference = await conferenceOf(request, request.params.slug);
      // The body was parsed with `createBody`; the type provider cannot say so for a generic schema.
      const body = request.body as z.output<Create>;
      return reply.status(201).send(await service.create(db, conference, body, now()));
    },
  );

  r.get(
    `${base}/:id`,
    { schema: { tags, params: manageIdParams, response: { 200: spec.view, ...manageFailures } } },
    async (request) => {
      const conference = await conferenceOf(request, request.params.slug);
      return service.get(db, conference, request.params.id, now());
    },
  );

  r.patch(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: spec.summaries.update,
        params: manageIdParams,
        body: spec.patchBody,
        response: { 200: spec.view, ...writeFailures },
      },
    },
    async (request) => {
      const conference = await conferenceOf(request, request.params.slug);
      // Parsed with `patchBody`, as above.
      const patch = request.body as z.output<Patch>;
      return service.update(db, conference, request.params.id, patch, now());
    },
  );

  r.delete(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: spec.summaries.remove,
        description: spec.removeDescription,
        params: manageIdParams,
        response: { 204: z.null(), ...manageFailures, 409: errorResponse },
      },
    },
    async (request, reply) => {
      const conference = await conferenceOf(request, request.params.slug);
      await service.remove(db, conference, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
