import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import { z } from 'zod';
import { commonErrors } from '../../services/common/errors.ts';
import { accessQrContent } from '../../services/emails/index.ts';
import { getBuyerOrderOrThrow } from '../../services/orders/index.ts';
import { RATE_LIMITS } from '../plugins/abuse.ts';
import { conferenceOf, requireUser } from '../plugins/auth.ts';
import { errorResponse } from '../schemas/common.ts';
import { referenceParams } from '../schemas/orders.ts';

/**
 * The buyer's access code as an SVG QR code for the order page, drawn on the server so the
 * storefront bundle carries no QR library. Only the order's own buyer gets it (D1.3 content).
 */
export async function accessQrRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;

  r.get(
    '/api/v1/conferences/:slug/orders/:reference/access-qr.svg',
    {
      config: { rateLimit: RATE_LIMITS.codeLookup },
      schema: {
        tags: ['orders'],
        summary: 'QR code of the access code shown at the door (paid orders only)',
        params: referenceParams,
        produces: ['image/svg+xml'],
        response: { 200: z.string(), 401: errorResponse, 404: errorResponse },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const conference = await conferenceOf(request, request.params.slug);
      const detail = await getBuyerOrderOrThrow(
        db,
        user.id,
        conference.id,
        request.params.reference,
      );
      if (!detail.accessCode)
        throw commonErrors('NOT_FOUND', {}, 'This order has no access code until it is paid.');
      const svg = await QRCode.toString(accessQrContent(conference.slug, detail.accessCode), {
        type: 'svg',
        errorCorrectionLevel: 'M',
        margin: 2,
      });
      return reply
        .type('image/svg+xml; charset=utf-8')
        .header('cache-control', 'private, no-store')
        .send(svg);
    },
  );
}
