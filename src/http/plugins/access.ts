import type { FastifyInstance, FastifyRequest } from 'fastify';
import { conferenceOf } from './auth.ts';
import fp from 'fastify-plugin';
import type { Permission } from '../../domain/permissions.ts';
import { authorize, type Actor } from '../../services/access/index.ts';
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
  return header.slice('Bearer '.length).trim();
}

/**
 * D5.5 / D6.2: organiser and desk routes take their permission from `route-permissions.ts`;
 * a route missing there stops the app from starting. Who may act is decided by the access
 * service (`authorize`), the same decision the desk and the command line use; this guard only
 * hands it the request's token, person, conference and the route's permission.
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
    const { slug } = request.params as { slug: string };
    request.actor = await authorize(app.deps.db, {
      token: bearerToken(request),
      user: request.session?.user,
      conferenceId: async () => (await conferenceOf(request, slug)).id,
      permission,
      now: app.deps.now(),
    });
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
