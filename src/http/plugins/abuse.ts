import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { commonErrors } from '../../services/common/errors.ts';
import { takeAttempts, type LimitRule } from '../../services/rate-limits/index.ts';
import { SESSION_COOKIE } from './auth.ts';

/** A route's limit: the rule, and whom a request counts against. */
export interface RouteLimit extends LimitRule {
  subjectOf(request: FastifyRequest): string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** D6.3: counted in the shared store before the handler runs; over the limit is a 429. */
    rateLimit?: RouteLimit;
  }
}

const MINUTE = 60_000;

function actorOf(request: FastifyRequest): string {
  return request.session ? `user:${request.session.user.id}` : `ip:${request.ip}`;
}

/**
 * D6.3 abuse limits per route, counted in PostgreSQL so every app process shares them (a limit
 * per process would give an attacker N times the guesses behind N processes). Sign-in has its
 * own limits in the accounts service: only failures count there.
 */
export const RATE_LIMITS = {
  // Generous: a whole office or campus may share one address at a sale's opening.
  signUp: { name: 'sign-up', max: 60, windowMs: 10 * MINUTE, subjectOf: (r) => r.ip },
  /** Voucher code guessing: per buyer (or address). */
  voucher: { name: 'voucher', max: 20, windowMs: MINUTE, subjectOf: actorOf },
  /** Order reference and access code lookups. */
  codeLookup: { name: 'code-lookup', max: 60, windowMs: MINUTE, subjectOf: actorOf },
} as const satisfies Record<string, RouteLimit>;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * D6.3 CSRF: a state-changing request that carries the session cookie (or signs in) must come
 * from our own origin. Browsers always send `Origin` on cross-origin writes and `Sec-Fetch-Site`
 * on every request, so a forged form or fetch from another site is refused; non-browser clients
 * (no such headers, and API tokens instead of cookies) are unaffected. The session cookie is also
 * SameSite=Lax. This is the whole CSRF defence: there is no token to echo.
 */
function isCrossSite(request: FastifyRequest, publicUrl: string | undefined): boolean {
  const fetchSite = request.headers['sec-fetch-site'];
  if (fetchSite === 'cross-site' || fetchSite === 'same-site') return true;
  const origin = request.headers.origin;
  if (!origin) return false;
  const expected = publicUrl
    ? new URL(publicUrl).origin
    : `${request.protocol}://${request.headers.host ?? ''}`;
  return origin !== expected;
}

export const abusePlugin = fp(async (app: FastifyInstance) => {
  // After parsing and authentication, so subjects can use the session.
  app.addHook('preHandler', async (request) => {
    const limit = request.routeOptions.config.rateLimit;
    if (!limit) return;
    await takeAttempts(
      app.deps.db,
      [{ rule: limit, subject: limit.subjectOf(request) }],
      app.deps.now(),
    );
  });
  app.addHook('onRequest', async (request) => {
    if (SAFE_METHODS.has(request.method)) return;
    const cookieBound = request.cookies[SESSION_COOKIE] !== undefined;
    if (!cookieBound && !request.url.startsWith('/api/v1/auth/')) return;
    if (isCrossSite(request, app.deps.config.PUBLIC_URL)) throw commonErrors('CSRF_REJECTED');
  });
});
