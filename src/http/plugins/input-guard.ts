import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { commonErrors } from '../../services/common/errors.ts';

const NUL = '\u0000';

/**
 * The path (`body.answers.diet`) of the first string or object key holding NUL, or null.
 * Iterative, so a deeply nested body cannot overflow the stack.
 */
export function pathOfNul(value: unknown, root: string): string | null {
  const pending: Array<[unknown, string]> = [[value, root]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [current, path] = next;
    if (typeof current === 'string') {
      if (current.includes(NUL)) return path;
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => pending.push([item, `${path}.${index}`]));
    } else if (current !== null && typeof current === 'object') {
      for (const [key, item] of Object.entries(current)) {
        if (key.includes(NUL)) return path;
        pending.push([item, `${path}.${key}`]);
      }
    }
  }
  return null;
}

function refuseNul(request: FastifyRequest, parts: Array<'params' | 'query' | 'body'>): void {
  for (const part of parts) {
    const path = pathOfNul(request[part], part);
    if (path === null) continue;
    throw commonErrors(
      'VALIDATION_FAILED',
      { fields: [{ path, message: 'must not contain NUL characters' }] },
      `Some fields are not valid: ${path}: must not contain NUL characters`,
    );
  }
}

/**
 * D6.3: PostgreSQL refuses the NUL character in every text value, so a NUL anywhere in a
 * request (path, query, JSON body, object keys) is a 400 here, for every route at once, rather
 * than a 500 wherever a schema forgot it. Path and query are checked on arrival, before the
 * auth plugin reads the session and the route's conference; the body once it is parsed.
 */
export const inputGuardPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('onRequest', async (request) => refuseNul(request, ['params', 'query']));
  app.addHook('preValidation', async (request) => refuseNul(request, ['body']));
});
