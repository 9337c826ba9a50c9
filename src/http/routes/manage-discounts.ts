import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { conferenceOf } from '../plugins/auth.ts';
import {
  createDiscount,
  deleteDiscount,
  getManagedDiscount,
  listManagedDiscounts,
  updateDiscount,
} from '../../services/manage/index.ts';
import { errorResponse } from '../schemas/common.ts';
import { manageFailures, manageIdParams, manageSlugParams } from '../schemas/manage-common.ts';
import {
  createDiscountBody,
  managedDiscountView,
  patchDiscountBody,
} from '../schemas/manage-discounts.ts';

const BASE = '/api/v1/conferences/:slug/manage/discounts';
const tags = ['manage'];
const writeFailures = { ...manageFailures, 422: errorResponse };

const schemas = {
  list: {
    tags,
    summary: 'Discounts in evaluation order (priority, then creation) with units used',
    params: manageSlugParams,
    response: { 200: z.object({ discounts: z.array(managedDiscountView) }), ...manageFailures },
  },
  create: {
    tags,
    summary: 'Create a discount of one of the six kinds',
    description:
      'Fields the kind does not have are refused with 400 FIELD_NOT_ALLOWED naming them; in ' +
      'responses such fields read as null.',
    params: manageSlugParams,
    body: createDiscountBody,
    response: { 201: managedDiscountView, ...writeFailures },
  },
  get: {
    tags,
    params: manageIdParams,
    response: { 200: managedDiscountView, ...manageFailures },
  },
  update: {
    tags,
    summary: 'Change some fields of a discount (its kind is fixed)',
    params: manageIdParams,
    body: patchDiscountBody,
    response: { 200: managedDiscountView, ...writeFailures },
  },
  remove: {
    tags,
    summary: 'Delete a discount',
    description: 'Order lines keep the discount name and amount as a snapshot.',
    params: manageIdParams,
    response: { 204: z.null(), ...manageFailures },
  },
};

/** Organiser discount conditions, all six kinds (COND-1..COND-9) (permissions in route-permissions.ts). */
export async function manageDiscountRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;

  r.get(BASE, { schema: schemas.list }, async (request) => {
    const conference = await conferenceOf(request, request.params.slug);
    return { discounts: await listManagedDiscounts(db, conference, now()) };
  });

  r.post(BASE, { schema: schemas.create }, async (request, reply) => {
    const conference = await conferenceOf(request, request.params.slug);
    return reply.status(201).send(await createDiscount(db, conference, request.body, now()));
  });

  r.get(`${BASE}/:id`, { schema: schemas.get }, async (request) => {
    const conference = await conferenceOf(request, request.params.slug);
    return getManagedDiscount(db, conference, request.params.id, now());
  });

  r.patch(`${BASE}/:id`, { schema: schemas.update }, async (request) => {
    const conference = await conferenceOf(request, request.params.slug);
    return updateDiscount(db, conference, request.params.id, request.body, now());
  });

  r.delete(`${BASE}/:id`, { schema: schemas.remove }, async (request, reply) => {
    const conference = await conferenceOf(request, request.params.slug);
    await deleteDiscount(db, conference, request.params.id);
    return reply.status(204).send(null);
  });
}
