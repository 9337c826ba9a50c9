import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Conference } from '../../services/conferences/index.ts';
import { unlockedTicketTypesFor } from '../../services/cart/index.ts';
import { listAddons, listTicketTypes } from '../../services/catalog/index.ts';
import { listConferences } from '../../services/conferences/index.ts';
import { addonView, conferenceSummary, ticketTypeView } from '../schemas/catalog.ts';
import { errorResponse, slugParam } from '../schemas/common.ts';
import { conferenceOf } from '../plugins/auth.ts';

function toSummary(conference: Conference): z.input<typeof conferenceSummary> {
  return {
    id: conference.id,
    slug: conference.slug,
    name: conference.name,
    description: conference.description,
    startDate: conference.startDate,
    endDate: conference.endDate,
    timezone: conference.timezone,
    currency: conference.currency,
    venue: conference.venue,
    address: conference.address,
    websiteUrl: conference.websiteUrl,
    isActive: conference.isActive,
    totalCapacity: conference.totalCapacity === 0 ? null : conference.totalCapacity,
  };
}

export async function conferenceRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;

  r.get(
    '/api/v1/conferences',
    {
      schema: {
        tags: ['catalog'],
        response: { 200: z.object({ conferences: z.array(conferenceSummary) }) },
      },
    },
    async () => ({ conferences: (await listConferences(db)).map(toSummary) }),
  );

  r.get(
    '/api/v1/conferences/:slug',
    {
      schema: {
        tags: ['catalog'],
        params: slugParam,
        response: { 200: conferenceSummary, 404: errorResponse },
      },
    },
    async (request) => toSummary(await conferenceOf(request, request.params.slug)),
  );

  r.get(
    '/api/v1/conferences/:slug/ticket-types',
    {
      schema: {
        tags: ['catalog'],
        summary:
          "Ticket types on public sale with their availability; voucher-gated types appear when the buyer's cart voucher unlocks them",
        params: slugParam,
        response: { 200: z.object({ ticketTypes: z.array(ticketTypeView) }), 404: errorResponse },
      },
    },
    async (request) => {
      const conference = await conferenceOf(request, request.params.slug);
      const at = now();
      const unlockedTicketTypeIds = request.session
        ? await unlockedTicketTypesFor(db, request.session.user.id, conference, at)
        : undefined;
      return { ticketTypes: await listTicketTypes(db, conference, at, { unlockedTicketTypeIds }) };
    },
  );

  r.get(
    '/api/v1/conferences/:slug/addons',
    {
      schema: {
        tags: ['catalog'],
        params: slugParam,
        response: { 200: z.object({ addons: z.array(addonView) }), 404: errorResponse },
      },
    },
    async (request) => {
      const conference = await conferenceOf(request, request.params.slug);
      return { addons: await listAddons(db, conference, now()) };
    },
  );
}
