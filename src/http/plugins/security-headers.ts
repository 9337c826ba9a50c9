import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Where Stripe.js comes from and talks to (Stripe's CSP guide): its script, the Payment
 * Element's frames (3-D Secure through hooks.stripe.com) and its API. TEST MODE's card form
 * posts to our own origin (/test-stripe), which 'self' covers.
 */
const STRIPE = {
  script: ['https://js.stripe.com', 'https://*.js.stripe.com'],
  frame: ['https://js.stripe.com', 'https://*.js.stripe.com', 'https://hooks.stripe.com'],
  connect: ['https://api.stripe.com'],
  img: ['https://*.stripe.com'],
};

/**
 * Which answers no browser or proxy may keep: every API answer. Many are personal (session,
 * cart, orders, checkout, manage, payments), the catalog is live and personal when signed in
 * (unlocked ticket types), so one simple rule beats a list of exceptions. The API reference
 * under /api/docs is static and may be cached.
 */
const NO_STORE = /^\/(api\/v1|test-stripe|webhooks)(\/|\?|$)/;

/**
 * D6.3 security headers on every answer (helmet): a CSP admitting only ourselves and Stripe.js,
 * no framing, nosniff, no referrer (order references are in our URLs), and HSTS only in
 * production, where the server is reached over https.
 */
export const securityHeadersPlugin = fp(async (app: FastifyInstance) => {
  const production = app.deps.config.NODE_ENV === 'production';
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...STRIPE.script],
        frameSrc: STRIPE.frame,
        connectSrc: ["'self'", ...STRIPE.connect],
        imgSrc: ["'self'", 'data:', ...STRIPE.img],
        // Stripe Elements and the API reference set inline styles.
        styleSrc: ["'self'", "'unsafe-inline'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: production ? [] : null,
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  app.addHook('onSend', async (request, reply) => {
    if (!NO_STORE.test(request.url)) return;
    // A route may say more (`private, no-store`), never less.
    if (!String(reply.getHeader('cache-control') ?? '').includes('no-store'))
      reply.header('cache-control', 'no-store');
  });
});
