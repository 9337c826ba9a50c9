import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createSession, endSession, signIn, signUp } from '../../services/accounts/index.ts';
import {
  clearSessionCookie,
  requireUser,
  SESSION_COOKIE,
  setSessionCookie,
} from '../plugins/auth.ts';
import { RATE_LIMITS } from '../plugins/abuse.ts';
import { errorResponse } from '../schemas/common.ts';

const publicUser = z.object({
  id: z.uuid(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  isStaff: z.boolean(),
  isSuperuser: z.boolean(),
});

// CSRF is refused by origin (plugins/abuse.ts), so there is no token to hand out.
const meResponse = z.object({ user: publicUser });

const signUpBody = z.object({
  email: z.email().max(254),
  password: z.string().min(8, 'must be at least 8 characters').max(200),
  firstName: z.string().trim().max(150).optional(),
  lastName: z.string().trim().max(150).optional(),
});

const signInBody = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(200),
});

export async function accountRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, config, now } = app.deps;

  r.post(
    '/api/v1/auth/sign-up',
    {
      schema: {
        tags: ['auth'],
        body: signUpBody,
        response: { 201: meResponse, 400: errorResponse, 409: errorResponse, 429: errorResponse },
      },
      config: { rateLimit: RATE_LIMITS.signUp },
    },
    async (request, reply) => {
      const user = await signUp(db, request.body);
      const session = await createSession(db, user.id, config.SESSION_TTL_DAYS, now());
      setSessionCookie(app, reply, session.token, session.expiresAt);
      return reply.status(201).send({ user });
    },
  );

  r.post(
    '/api/v1/auth/sign-in',
    {
      schema: {
        tags: ['auth'],
        body: signInBody,
        response: { 200: meResponse, 401: errorResponse, 429: errorResponse },
      },
    },
    async (request, reply) => {
      const user = await signIn(db, { ...request.body, address: request.ip }, now());
      const session = await createSession(db, user.id, config.SESSION_TTL_DAYS, now());
      setSessionCookie(app, reply, session.token, session.expiresAt);
      return { user };
    },
  );

  r.post(
    '/api/v1/auth/sign-out',
    { schema: { tags: ['auth'], response: { 204: z.null() } } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await endSession(db, token);
      clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/me',
    { schema: { tags: ['auth'], response: { 200: meResponse, 401: errorResponse } } },
    async (request) => {
      const user = requireUser(request);
      return { user };
    },
  );
}
