import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import {
  findSession,
  type PublicUser,
  type SessionPrincipal,
} from '../../services/accounts/index.ts';
import { commonErrors } from '../../services/common/errors.ts';

export const SESSION_COOKIE = 'lanyard_session';

declare module 'fastify' {
  interface FastifyRequest {
    session: SessionPrincipal | null;
  }
}

/** Resolves the session cookie to a principal once per request; routes decide what they require. */
export const authPlugin = fp(async (app: FastifyInstance) => {
  await app.register(cookie);
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    request.session = (await findSession(app.deps.db, token, app.deps.now())) ?? null;
  });
});

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
