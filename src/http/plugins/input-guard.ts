import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { commonErrors } from '../../services/common/errors.ts';

const NUL = '\u0000';

/** Keys that reach an object's prototype when merged (`__proto__`, `constructor[prototype]`). */
const PROTOTYPE_KEY = /(^|\[)(__proto__|constructor|prototype)(\[|\]|$)/;

interface UnsafeInput {
  path: string;
  message: string;
}

/**
 * The first string or object key in `value` that no route may receive, or null: text holding
 * NUL, or a key that names a prototype. Iterative, so a deeply nested body cannot overflow the
 * stack.
 */
export function findUnsafeInput(value: unknown, root: string): UnsafeInput | null {
  const pending: Array<[unknown, string]> = [[value, root]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [current, path] = next;
    if (typeof current === 'string') {
      if (current.includes(NUL)) return { path, message: 'must not contain NUL characters' };
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => pending.push([item, `${path}.${index}`]));
    } else if (current !== null && typeof current === 'object') {
      for (const [key, item] of Object.entries(current)) {
        if (key.includes(NUL)) return { path, message: 'must not contain NUL characters' };
        if (PROTOTYPE_KEY.test(key)) return { path, message: `must not have the key "${key}"` };
        pending.push([item, `${path}.${key}`]);
      }
    }
  }
  return null;
}

function refuseUnsafeInput(
  request: FastifyRequest,
  parts: Array<'params' | 'query' | 'body'>,
): void {
  for (const part of parts) {
    const unsafe = findUnsafeInput(request[part], part);
    if (unsafe === null) continue;
    throw commonErrors(
      'VALIDATION_FAILED',
      { fields: [unsafe] },
      `Some fields are not valid: ${unsafe.path}: ${unsafe.message}`,
    );
  }
}

/**
 * D6.3, for every route at once rather than schema by schema: PostgreSQL refuses the NUL
 * character in every text value (a 500 wherever a schema forgot it), and prototype keys are
 * refused as the JSON parser already refuses them in bodies. Path and query are checked on
 * arrival, before the auth plugin reads the session and the route's conference; the body once
 * it is parsed.
 */
export const inputGuardPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('onRequest', async (request) => refuseUnsafeInput(request, ['params', 'query']));
  app.addHook('preValidation', async (request) => refuseUnsafeInput(request, ['body']));
});
