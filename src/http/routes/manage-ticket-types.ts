import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { conferenceOf } from '../plugins/auth.ts';
import {
  createTicketType,
  deleteTicketType,
  getManagedTicketType,
  listManagedTicketTypes,
  updateTicketType,
} from '../../services/manage/index.ts';
import { errorResponse } from '../schemas/common.ts';
import {
  createTicketTypeBody,
  managedTicketTypeView,
  patchTicketTypeBody,
} from '../schemas/manage-catalog.ts';
import { manageFailures, manageIdParams, manageSlugParams } from '../schemas/manage-common.ts';

const BASE = '/api/v1/conferences/:slug/manage/ticket-types';
const tags = ['manage'];
const writeFailures = { ...manageFailures, 409: errorResponse };

const schemas = {
  list: {
    tags,
    summary: 'All ticket types, hidden and inactive included, with sold/remaining',
    params: manageSlugParams,
    response: { 200: z.object({ ticketTypes: z.array(managedTicketTypeView) }), ...manageFailures },
  },
  create: {
    tags,
    summary: 'Create a ticket type (slug derived from the name when omitted)',
    params: manageSlugParams,
    body: createTicketTypeBody,
    response: { 201: managedTicketTypeView, ...writeFailures },
  },
  get: {
    tags,
    params: manageIdParams,
    response: { 200: managedTicketTypeView, ...manageFailures },
  },
  update: {
    tags,
    summary: 'Change some fields of a ticket type',
    params: manageIdParams,
    body: patchTicketTypeBody,
    response: { 200: managedTicketTypeView, ...writeFailures },
  },
  remove: {
    tags,
    summary: 'Delete a ticket type',
    description:
      'Allowed even when the ticket type was sold: order lines keep their snapshot (name, ' +
      'prices) and lose only the reference; cart lines are removed. Refused with 409 ' +
      'PRODUCT_STILL_SCOPED when it is the only product a voucher, discount or add-on ' +
      'prerequisite lists, because an empty list would mean "every product".',
    params: manageIdParams,
    response: { 204: z.null(), ...writeFailures },
  },
};

/** Organiser CRUD for ticket types (CAT-1, CAT-5) (permissions in route-permissions.ts). */
export async function manageTicketTypeRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;

  r.get(BASE, { schema: schemas.list }, async (request) => {
    const conference = await conferenceOf(request, request.params.slug);
    return { ticketTypes: await listManagedTicketTypes(db, conference, now()) };
  });

  r.post(BASE, { schema: schemas.create }, async (request, reply) => {
    const conference = await conferenceOf(request, request.params.slug);
    return reply.status(201).send(await createTicketType(db, conference, request.body, now()));
  });

  r.get(`${BASE}/:id`, { schema: schemas.get }, async (request) => {
    const conference = await conferenceOf(request, request.params.slug);
    return getManagedTicketType(db, conference, request.params.id, now());
  });

  r.patch(`${BASE}/:id`, { schema: schemas.update }, async (request) => {
    const conference = await conferenceOf(request, request.params.slug);
    return updateTicketType(db, conference, request.params.id, request.body, now());
  });

  r.delete(`${BASE}/:id`, { schema: schemas.remove }, async (request, reply) => {
    const conference = await conferenceOf(request, request.params.slug);
    await deleteTicketType(db, conference, request.params.id);
    return reply.status(204).send(null);
  });
}
