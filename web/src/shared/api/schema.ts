/**
 * Names for the shapes the pages use, all read off the generated OpenAPI types (openapi.d.ts):
 * nothing here is written by hand, so a change to a route's schema shows up in `npm run
 * typecheck` wherever the web app relies on it. Amounts are integers in minor units of
 * `currency`; times are ISO-8601 strings.
 */
import type { paths } from './openapi.d.ts';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The JSON a route answers with on success (200 or 201). */
export type JsonOf<P extends keyof paths, M extends Method> = paths[P][M] extends {
  responses: infer R;
}
  ? R extends { 200: { content: { 'application/json': infer T } } }
    ? T
    : R extends { 201: { content: { 'application/json': infer T } } }
      ? T
      : never
  : never;

/** The JSON body a route takes. */
export type BodyOf<P extends keyof paths, M extends Method> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer T } };
}
  ? T
  : never;

export type Health = JsonOf<'/healthz', 'get'>;
export type Conference = JsonOf<'/api/v1/conferences/{slug}', 'get'>;
export type Me = JsonOf<'/api/v1/me', 'get'>;
export type SignUpInput = BodyOf<'/api/v1/auth/sign-up', 'post'>;
