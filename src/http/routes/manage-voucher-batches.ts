import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { exportVouchersCsv, generateVouchers } from '../../services/manage/index.ts';
import { errorResponse } from '../schemas/common.ts';
import { manageFailures, manageSlugParams } from '../schemas/manage-common.ts';
import {
  bulkVoucherBody,
  managedVoucherView,
  voucherListQuery,
} from '../schemas/manage-vouchers.ts';
import { conferenceOf } from '../plugins/auth.ts';

const BASE = '/api/v1/conferences/:slug/manage/vouchers';
const tags = ['manage'];

const schemas = {
  bulk: {
    tags,
    summary: 'Generate up to 500 vouchers with one prefix and the same settings',
    description:
      'Codes are the prefix (upper-cased) plus 8 random characters without look-alikes ' +
      '(no 0/O/1/I/L), unique in the conference. All are created in one transaction, or none.',
    params: manageSlugParams,
    body: bulkVoucherBody,
    response: {
      201: z.object({ vouchers: z.array(managedVoucherView) }),
      ...manageFailures,
      409: errorResponse,
      422: errorResponse,
    },
  },
  exportCsv: {
    tags,
    summary: 'Vouchers as a CSV download (same filters as the list)',
    description:
      'Columns: code, kind, value (percent; minor units for fixed_amount; empty for comp), ' +
      'max_uses, uses, valid_from, valid_until, unlocks_hidden_tickets, is_active, ' +
      'ticket_types, addons (space-separated slugs). RFC 4180 quoting; a cell starting with ' +
      '= + - @ is prefixed with a single quote so spreadsheets do not run it as a formula.',
    produces: ['text/csv'],
    params: manageSlugParams,
    querystring: voucherListQuery,
    response: { 200: z.string(), ...manageFailures },
  },
};

/** Voucher batches: bulk generation (VOU-9) and CSV export (permissions in route-permissions.ts). */
export async function manageVoucherBatchRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;

  r.post(`${BASE}/bulk`, { schema: schemas.bulk }, async (request, reply) => {
    const conference = await conferenceOf(request, request.params.slug);
    const vouchers = await generateVouchers(db, conference, request.body, now());
    return reply.status(201).send({ vouchers });
  });

  r.get(`${BASE}/export.csv`, { schema: schemas.exportCsv }, async (request, reply) => {
    const conference = await conferenceOf(request, request.params.slug);
    const filters = { codePrefix: request.query.q, isActive: request.query.active };
    const csv = await exportVouchersCsv(db, conference, filters, now());
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${conference.slug}-vouchers.csv"`)
      .send(csv);
  });
}
