import type { FastifyInstance, FastifyRequest } from 'fastify';
import { conferenceOf } from './auth.ts';
import fp from 'fastify-plugin';
import type { Permission } from '../../domain/permissions.ts';
import {
  findApiToken,
  loadConferencePermissions,
  looksLikeApiToken,
  recordAudit,
  type Actor,
} from '../../services/access/index.ts';
import { commonErrors } from '../../services/common/errors.ts';
import { isGuardedRoute, ROUTE_PERMISSIONS, routeKey } from '../route-permissions.ts';

export interface GuardedRoute {
  method: string;
  url: string;
  permission: Permission;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: Permission;
  }
  interface FastifyRequest {
    /** Set on guarded routes once access is granted: who is acting. */
    actor: Actor | null;
  }
  interface FastifyInstance {
    /** Every guarded route with its permission, as registered (read by the permission tests). */
    guardedRoutes: GuardedRoute[];
  }
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header?.startsWith('Bearer ')) return null;
  const token = header.slice('Bearer '.length).trim();
  return looksLikeApiToken(token) ? token : null;
}

/**
 * D5.5 / D6.2: organiser and desk routes take their permission from `route-permissions.ts`;
 * a route missing there stops the app from starting. Access is per conference: an API token
 * only for its own conference, a person through the roles they hold in it; superusers always.
 * Anonymous → 401 before anything else; the conference is resolved only for a known caller.
 */
export const accessPlugin = fp(async (app: FastifyInstance) => {
  const guarded: GuardedRoute[] = [];
  app.decorate('guardedRoutes', guarded);
  app.decorateRequest('actor', null);

  app.addHook('onRoute', (route) => {
    if (!isGuardedRoute(route.url)) return;
    for (const method of [route.method].flat()) {
      const key = routeKey(method, route.url);
      const permission = ROUTE_PERMISSIONS[key];
      if (!permission)
        throw new Error(`${key} declares no permission in src/http/route-permissions.ts`);
      route.config = { ...route.config, permission };
      if (method !== 'HEAD') guarded.push({ method, url: route.url, permission });
    }
  });

  app.addHook('onRequest', async (request) => {
    const permission = request.routeOptions.config.permission;
    if (!permission) return;
    const { db, now } = app.deps;
    const token = bearerToken(request);
    const principal = token ? await findApiToken(db, token, now()) : null;
    if (!principal && !request.session) throw commonErrors('UNAUTHENTICATED');
    const { slug } = request.params as { slug: string };
    const conference = await conferenceOf(request, slug);
    if (principal) {
      if (principal.conferenceId !== conference.id || !principal.permissions.has(permission))
        throw commonErrors('FORBIDDEN', { permission });
      request.actor = { kind: 'token', tokenId: principal.id };
      return;
    }
    const user = request.session?.user;
    if (!user) throw commonErrors('UNAUTHENTICATED');
    if (!user.isSuperuser) {
      const granted = await loadConferencePermissions(db, user.id, conference.id);
      if (!granted.has(permission)) throw commonErrors('FORBIDDEN', { permission });
    }
    request.actor = { kind: 'user', userId: user.id };
  });
});

/** Who is acting on a guarded route; services authorise and audit with it (D6.4, D6.5). */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw commonErrors('UNAUTHENTICATED');
  return request.actor;
}

/** The acting person's id, or null for an API token (recorded as `created_by`). */
export function actingUserId(request: FastifyRequest): string | null {
  return request.actor?.kind === 'user' ? request.actor.userId : null;
}

/** D6.4: the audit entry for a staff change that just succeeded. */
export function audit(
  request: FastifyRequest,
  entry: {
    conferenceId: string;
    action: string;
    entityType: string;
    entityId: string;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  return recordAudit(request.server.deps.db, {
    ...entry,
    actor: request.actor,
    ip: request.ip,
    now: request.server.deps.now(),
  });
}
