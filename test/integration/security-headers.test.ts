import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.ts';
import { buildApp } from '../../src/http/app.ts';
import { configuredStripeGateways } from '../../src/integrations/stripe/index.ts';
import { makeConference } from '../factories/index.ts';
import { buildTestApp, TEST_SECRET_BOX } from '../support/app.ts';
import { makeBuyer } from '../support/buyers.ts';
import { describeEachBackend } from '../support/db.ts';

/** `script-src 'self' https://js.stripe.com` → ['script-src', ["'self'", 'https://js.stripe.com']]. */
function directivesOf(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name = '', ...values]) => [name, values]),
  );
}

describeEachBackend('D6.3 security headers and no-store on personal answers', (ctx) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp(ctx);
  });
  afterAll(() => app.close());

  it('every page carries a CSP that admits Stripe.js and nothing else from outside, and refuses framing', async () => {
    for (const url of ['/', '/api/v1/conferences', '/api/docs']) {
      const response = await app.inject({ method: 'GET', url });
      const csp = directivesOf(String(response.headers['content-security-policy'] ?? ''));
      expect(csp.get('default-src'), url).toEqual(["'self'"]);
      expect(csp.get('script-src'), url).toEqual(
        expect.arrayContaining(["'self'", 'https://js.stripe.com']),
      );
      expect(csp.get('script-src'), url).not.toContain("'unsafe-inline'");
      expect(csp.get('frame-src'), url).toEqual(
        expect.arrayContaining(['https://js.stripe.com', 'https://hooks.stripe.com']),
      );
      expect(csp.get('connect-src'), url).toEqual(
        expect.arrayContaining(["'self'", 'https://api.stripe.com']),
      );
      expect(csp.get('frame-ancestors'), url).toEqual(["'none'"]);
      expect(csp.get('object-src'), url).toEqual(["'none'"]);
      expect(response.headers['x-frame-options'], url).toBe('DENY');
      expect(response.headers['x-content-type-options'], url).toBe('nosniff');
      expect(response.headers['referrer-policy'], url).toBe('no-referrer');
      // Outside production the server is plain http on a developer's machine.
      expect(response.headers['strict-transport-security'], url).toBeUndefined();
      expect(csp.has('upgrade-insecure-requests'), url).toBe(false);
    }
  });

  it('HSTS and upgrade-insecure-requests only in production', async () => {
    const production = await buildApp({
      db: ctx.db,
      dbKind: ctx.kind,
      config: loadConfig({
        NODE_ENV: 'production',
        LOG_LEVEL: 'silent',
        LANYARD_SECRET_KEY: '11'.repeat(32),
        STRIPE_TEST_MODE: 'false',
      }),
      secretBox: TEST_SECRET_BOX,
      stripe: configuredStripeGateways(TEST_SECRET_BOX, null),
      now: () => new Date(),
    });
    const response = await production.inject({ method: 'GET', url: '/api/v1/conferences' });
    await production.close();
    expect(response.headers['strict-transport-security']).toMatch(/max-age=\d{7,}/);
    expect(response.headers['content-security-policy']).toContain('upgrade-insecure-requests');
  });

  it('every API answer is no-store (many are personal, all are live); the API docs may be cached', async () => {
    const conference = await makeConference(ctx.db);
    const buyer = await makeBuyer(ctx.db);
    const base = `/api/v1/conferences/${conference.slug}`;
    for (const [url, cookie] of [
      ['/api/v1/me', buyer.cookie],
      ['/api/v1/me', undefined],
      [`${base}/cart`, buyer.cookie],
      [`${base}/orders`, buyer.cookie],
      [`${base}/ticket-types`, buyer.cookie],
      ['/api/v1/conferences', undefined],
      [`${base}/manage/vouchers`, buyer.cookie],
      ['/api/v1/no-such-route', undefined],
    ] as const) {
      const response = await app.inject({
        method: 'GET',
        url,
        headers: cookie ? { cookie } : {},
      });
      expect(response.headers['cache-control'], `${url} ${response.statusCode}`).toBe('no-store');
    }
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: buyer.email, password: 'wrong-but-irrelevant' },
    });
    expect(signIn.headers['cache-control']).toBe('no-store');
    const docs = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['cache-control']).not.toBe('no-store');
  });
});
