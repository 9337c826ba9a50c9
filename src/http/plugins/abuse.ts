import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { commonErrors } from '../../services/common/errors.ts';
import { SESSION_COOKIE } from './auth.ts';

/**
 * D6.3 abuse limits, per route. Counters live in each process's memory: with N processes behind a
 * load balancer an attacker gets at most N times the limit, which still stops guessing at scale.
 */
export const RATE_LIMITS = {
  /** Password guessing: per address and account. */
  signIn: {
    max: 10,
    timeWindow: '1 minute',
    keyGenerator: (r: FastifyRequest) => `${r.ip}|${emailOf(r)}`,
  },
  // Generous: a whole office or campus may share one address at a sale's opening.
  signUp: { max: 60, timeWindow: '10 minutes' },
  /** Voucher code guessing: per buyer (or address). */
  voucher: { max: 20, timeWindow: '1 minute', keyGenerator: (r: FastifyRequest) => actorKey(r) },
  /** Order reference and access code lookups. */
  codeLookup: { max: 60, timeWindow: '1 minute', keyGenerator: (r: FastifyRequest) => actorKey(r) },
} as const;

function emailOf(request: FastifyRequest): string {
  const body = request.body as { email?: unknown } | undefined;
  return typeof body?.email === 'string' ? body.email.trim().toLowerCase() : '';
}

function actorKey(request: FastifyRequest): string {
  return request.session ? `user:${request.session.user.id}` : `ip:${request.ip}`;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * D6.3 CSRF: a state-changing request that carries the session cookie (or signs in) must come
 * from our own origin. Browsers always send `Origin` on cross-origin writes and `Sec-Fetch-Site`
 * on every request, so a forged form or fetch from another site is refused; non-browser clients
 * (no such headers, and API tokens instead of cookies) are unaffected. The session cookie is also
 * SameSite=Lax.
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
  await app.register(rateLimit, {
    global: false,
    // After parsing and authentication, so keys can use the body (email) and the session.
    hook: 'preHandler',
    errorResponseBuilder: (_request, context) =>
      commonErrors('RATE_LIMITED', { retryAfterSeconds: Math.ceil(context.ttl / 1000) }),
  });
  app.addHook('onRequest', async (request) => {
    if (SAFE_METHODS.has(request.method)) return;
    const cookieBound = request.cookies[SESSION_COOKIE] !== undefined;
    if (!cookieBound && !request.url.startsWith('/api/v1/auth/')) return;
    if (isCrossSite(request, app.deps.config.PUBLIC_URL)) throw commonErrors('CSRF_REJECTED');
  });
});
