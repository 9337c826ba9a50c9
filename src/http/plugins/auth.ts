import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import {
  resolveRequestContext,
  type PublicUser,
  type SessionPrincipal,
} from '../../services/accounts/index.ts';
import { commonErrors } from '../../services/common/errors.ts';
import { getConferenceBySlugOrThrow, type Conference } from '../../services/conferences/index.ts';

export const SESSION_COOKIE = 'lanyard_session';

declare module 'fastify' {
  interface FastifyRequest {
    session: SessionPrincipal | null;
    /** The conference the route's `:slug` names, read with the session (null: no such slug). */
    slugConference: { slug: string; conference: Conference | null } | null;
  }
}

/** The `:slug` of the matched route, when it is one PostgreSQL can look up. */
function slugOf(request: FastifyRequest): string | null {
  const slug = (request.params as { slug?: unknown } | undefined)?.slug;
  // Validation comes later; NUL was refused on arrival (input-guard).
  return typeof slug === 'string' && slug.length <= 200 ? slug : null;
}

/**
 * Resolves the session cookie to a principal once per request; routes decide what they require.
 * The conference of a `/conferences/:slug/...` route is read in the same statement: in a ticket
 * rush every round trip costs CPU on both sides (see `conferenceOf`).
 */
export const authPlugin = fp(async (app: FastifyInstance) => {
  await app.register(cookie);
  app.decorateRequest('session', null);
  app.decorateRequest('slugConference', null);
  app.addHook('onRequest', async (request) => {
    const sessionToken = request.cookies[SESSION_COOKIE];
    const slug = slugOf(request);
    if (!sessionToken && !slug) return;
    const context = await resolveRequestContext(app.deps.db, {
      sessionToken,
      slug,
      now: app.deps.now(),
    });
    request.session = context.session;
    if (slug) request.slugConference = { slug, conference: context.conference };
  });
});

/** The conference `slug` names, from the session's statement when the route's slug is that one. */
export async function conferenceOf(request: FastifyRequest, slug: string): Promise<Conference> {
  const read = request.slugConference;
  if (read?.slug === slug && read.conference) return read.conference;
  return getConferenceBySlugOrThrow(request.server.deps.db, slug);
}

export function requireUser(request: FastifyRequest): PublicUser {
  if (!request.session) throw commonErrors('UNAUTHENTICATED');
  return request.session.user;
}

export function setSessionCookie(
  app: FastifyInstance,
  reply: FastifyReply,
  token: string,
  expiresAt: Date,
): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: app.deps.config.NODE_ENV === 'production',
    expires: expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
