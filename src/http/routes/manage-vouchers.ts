import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { conferenceOf } from '../plugins/auth.ts';
import {
  createVoucher,
  deleteVoucher,
  getManagedVoucher,
  listManagedVouchers,
  updateVoucher,
} from '../../services/manage/index.ts';
import { errorResponse } from '../schemas/common.ts';
import { manageFailures, manageIdParams, manageSlugParams } from '../schemas/manage-common.ts';
import {
  createVoucherBody,
  managedVoucherView,
  patchVoucherBody,
  voucherListQuery,
} from '../schemas/manage-vouchers.ts';

const BASE = '/api/v1/conferences/:slug/manage/vouchers';
const tags = ['manage'];
const writeFailures = { ...manageFailures, 409: errorResponse, 422: errorResponse };

const schemas = {
  list: {
    tags,
    summary: 'Vouchers in code order, with uses derived from orders',
    params: manageSlugParams,
    querystring: voucherListQuery,
    response: { 200: z.object({ vouchers: z.array(managedVoucherView) }), ...manageFailures },
  },
  create: {
    tags,
    summary: 'Create a voucher (code trimmed and stored upper-case)',
    params: manageSlugParams,
    body: createVoucherBody,
    response: { 201: managedVoucherView, ...writeFailures },
  },
  get: {
    tags,
    params: manageIdParams,
    response: { 200: managedVoucherView, ...manageFailures },
  },
  update: {
    tags,
    summary: 'Change some fields of a voucher',
    description: 'Changing the kind clears the old kind’s value. Placed orders keep their own.',
    params: manageIdParams,
    body: patchVoucherBody,
    response: { 200: managedVoucherView, ...writeFailures },
  },
  remove: {
    tags,
    summary: 'Delete a voucher',
    description: 'Orders that used it keep the code and discount as a snapshot.',
    params: manageIdParams,
    response: { 204: z.null(), ...manageFailures },
  },
};

/** Organiser CRUD for vouchers (VOU-1, VOU-10) (permissions in route-permissions.ts). */
export async function manageVoucherRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;

  r.get(BASE, { schema: schemas.list }, async (request) => {
    const conference = await conferenceOf(request, request.params.slug);
    const filters = { codePrefix: request.query.q, isActive: request.query.active };
    return { vouchers: await listManagedVouchers(db, conference, filters, now()) };
  });

  r.post(BASE, { schema: schemas.create }, async (request, reply) => {
    const conference = await conferenceOf(request, request.params.slug);
    return reply.status(201).send(await createVoucher(db, conference, request.body, now()));
  });

  r.get(`${BASE}/:id`, { schema: schemas.get }, async (request) => {
    const conference = await conferenceOf(request, request.params.slug);
    return getManagedVoucher(db, conference, request.params.id, now());
  });

  r.patch(`${BASE}/:id`, { schema: schemas.update }, async (request) => {
    const conference = await conferenceOf(request, request.params.slug);
    return updateVoucher(db, conference, request.params.id, request.body, now());
  });

  r.delete(`${BASE}/:id`, { schema: schemas.remove }, async (request, reply) => {
    const conference = await conferenceOf(request, request.params.slug);
    await deleteVoucher(db, conference, request.params.id);
    return reply.status(204).send(null);
  });
}
