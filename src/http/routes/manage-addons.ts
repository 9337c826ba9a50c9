import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { conferenceOf } from '../plugins/auth.ts';
import {
  createAddon,
  deleteAddon,
  getManagedAddon,
  listManagedAddons,
  updateAddon,
} from '../../services/manage/index.ts';
import { errorResponse } from '../schemas/common.ts';
import { createAddonBody, managedAddonView, patchAddonBody } from '../schemas/manage-catalog.ts';
import { manageFailures, manageIdParams, manageSlugParams } from '../schemas/manage-common.ts';

const BASE = '/api/v1/conferences/:slug/manage/addons';
const tags = ['manage'];
const writeFailures = { ...manageFailures, 409: errorResponse, 422: errorResponse };

const schemas = {
  list: {
    tags,
    summary: 'All add-ons, inactive included, with sold/remaining',
    params: manageSlugParams,
    response: { 200: z.object({ addons: z.array(managedAddonView) }), ...manageFailures },
  },
  create: {
    tags,
    summary: 'Create an add-on (slug derived from the name when omitted)',
    params: manageSlugParams,
    body: createAddonBody,
    response: { 201: managedAddonView, ...writeFailures },
  },
  get: {
    tags,
    params: manageIdParams,
    response: { 200: managedAddonView, ...manageFailures },
  },
  update: {
    tags,
    summary: 'Change some fields of an add-on (a given prerequisite list replaces the set)',
    params: manageIdParams,
    body: patchAddonBody,
    response: { 200: managedAddonView, ...writeFailures },
  },
  remove: {
    tags,
    summary: 'Delete an add-on',
    description:
      'Allowed even when the add-on was sold: order lines keep their snapshot (name, prices) ' +
      'and lose only the reference; cart lines are removed. Refused with 409 ' +
      'PRODUCT_STILL_SCOPED when it is the only product a voucher or discount lists, because ' +
      'an empty list would mean "every product".',
    params: manageIdParams,
    response: { 204: z.null(), ...manageFailures, 409: errorResponse },
  },
};

/** Organiser CRUD for add-ons (CAT-4, CAT-5) (permissions in route-permissions.ts). */
export async function manageAddonRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;

  r.get(BASE, { schema: schemas.list }, async (request) => {
    const conference = await conferenceOf(request, request.params.slug);
    return { addons: await listManagedAddons(db, conference, now()) };
  });

  r.post(BASE, { schema: schemas.create }, async (request, reply) => {
    const conference = await conferenceOf(request, request.params.slug);
    return reply.status(201).send(await createAddon(db, conference, request.body, now()));
  });

  r.get(`${BASE}/:id`, { schema: schemas.get }, async (request) => {
    const conference = await conferenceOf(request, request.params.slug);
    return getManagedAddon(db, conference, request.params.id, now());
  });

  r.patch(`${BASE}/:id`, { schema: schemas.update }, async (request) => {
    const conference = await conferenceOf(request, request.params.slug);
    return updateAddon(db, conference, request.params.id, request.body, now());
  });

  r.delete(`${BASE}/:id`, { schema: schemas.remove }, async (request, reply) => {
    const conference = await conferenceOf(request, request.params.slug);
    await deleteAddon(db, conference, request.params.id);
    return reply.status(204).send(null);
  });
}
