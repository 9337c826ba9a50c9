import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { receiveStripeWebhook } from '../../services/stripe-webhooks/index.ts';
import { errorResponse, slugParam } from '../schemas/common.ts';

/**
 * HOOK-1 per D4.7. Signature verification needs the exact bytes Stripe signed, so this
 * encapsulated context parses JSON bodies as raw strings.
 */
export async function stripeWebhookRoutes(app: FastifyInstance): Promise<void> {
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    done(null, body);
  });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, stripe, now } = app.deps;
  r.post(
    '/webhooks/stripe/:slug',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Stripe events for one conference (signed; stored once; processed idempotently)',
        params: slugParam,
        // No length limit here: an overlong header is a bad signature (400 WEBHOOK_SIGNATURE_INVALID).
        headers: z.object({ 'stripe-signature': z.string().optional() }),
        body: z.string().max(1_048_576),
        response: {
          200: z.object({ received: z.literal(true), eventId: z.string(), result: z.string() }),
          400: errorResponse,
          404: errorResponse,
          503: errorResponse,
        },
      },
    },
    async (request) => {
      const outcome = await receiveStripeWebhook(db, stripe, {
        slug: request.params.slug,
        rawBody: request.body,
        signature: request.headers['stripe-signature'],
        now: now(),
      });
      return { received: true as const, eventId: outcome.eventId, result: outcome.result };
    },
  );
}
