import type { FastifyInstance } from 'fastify';
import type { StripeStandIn } from '../../integrations/stripe/index.ts';

const PREFIX = '/test-stripe';

/**
 * TEST MODE only: the stand-in's API under this server's origin, so the storefront's test card
 * form confirms a PaymentIntent the way Stripe.js would (publishable key + client secret).
 */
export function testStripeRoutes(standIn: StripeStandIn) {
  return async function register(app: FastifyInstance): Promise<void> {
    // Stripe speaks form encoding; hand every body to the stand-in untouched.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
      done(null, body);
    });
    app.all(`${PREFIX}/*`, { schema: { hide: true } }, async (request, reply) => {
      const answer = standIn.dispatch({
        method: request.method,
        url: request.url.slice(PREFIX.length),
        headers: request.headers,
        body: typeof request.body === 'string' ? request.body : '',
      });
      return reply.status(answer.status).headers(answer.headers).send(answer.body);
    });
  };
}
