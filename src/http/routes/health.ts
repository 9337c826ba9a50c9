import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pingDatabase } from '../../services/common/database.ts';

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/healthz',
    {
      schema: {
        tags: ['health'],
        summary: 'Liveness and database check',
        response: {
          200: z.object({
            status: z.literal('ok'),
            database: z.string(),
            testMode: z
              .boolean()
              .describe('TEST MODE: card payments go to the in-process Stripe stand-in'),
          }),
          503: z.object({ status: z.literal('unavailable'), database: z.string() }),
        },
      },
    },
    async (request, reply) => {
      try {
        await pingDatabase(app.deps.db);
        return {
          status: 'ok' as const,
          database: app.deps.dbKind,
          testMode: app.deps.stripeStandIn !== undefined,
        };
      } catch (error) {
        request.log.error({ err: error }, 'health check failed');
        return reply
          .status(503)
          .send({ status: 'unavailable' as const, database: app.deps.dbKind });
      }
    },
  );
}
