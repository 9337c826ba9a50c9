import type { Params } from '../params.ts';
import type { OperationContext } from '../store.ts';

export type KeyKind = 'secret' | 'publishable';

export interface RouteContext extends OperationContext {
  params: Params;
  /** Named segments of the path, e.g. `id` in `/v1/payment_intents/:id`. */
  path: Record<string, string>;
  keyKind: KeyKind;
}

export interface Route {
  method: 'GET' | 'POST';
  pattern: string;
  /** Stripe.js calls a few endpoints from the browser with the publishable key and a client secret. */
  publishable?: boolean;
  run(ctx: RouteContext): object;
}

export interface RouteMatch {
  route: Route;
  path: Record<string, string>;
}

function matchPattern(pattern: string, path: string): Record<string, string> | null {
  const wanted = pattern.split('/');
  const actual = path.split('/');
  if (wanted.length !== actual.length) return null;
  const named: Record<string, string> = {};
  for (const [index, segment] of wanted.entries()) {
    const value = actual[index] ?? '';
    if (segment.startsWith(':')) {
      if (value === '') return null;
      named[segment.slice(1)] = decodeURIComponent(value);
    } else if (segment !== value) {
      return null;
    }
  }
  return named;
}

export function matchRoute(
  routes: readonly Route[],
  method: string,
  path: string,
): RouteMatch | null {
  for (const route of routes) {
    if (route.method !== method) continue;
    const named = matchPattern(route.pattern, path);
    if (named) return { route, path: named };
  }
  return null;
}

export function pathParam(ctx: RouteContext, name: string): string {
  const value = ctx.path[name];
  if (value === undefined) throw new Error(`Route has no :${name} segment`);
  return value;
}
