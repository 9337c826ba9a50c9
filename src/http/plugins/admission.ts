import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { commonErrors } from '../../services/common/errors.ts';

/**
 * Admission control for the shopping endpoints. A sale opening sends thousands of requests at
 * once; letting them all at the connection pool turns every request into a convoy that finishes
 * only when the whole crowd does. Instead at most `limit` run at once, the rest wait in arrival
 * order, and whoever waits longer than `maxWaitMs` gets a clear 503 BUSY with Retry-After.
 */
export interface AdmissionOptions {
  limit: number;
  maxWaitMs: number;
  /** Which requests queue here; everything else passes straight through. */
  applies: (request: FastifyRequest) => boolean;
}

interface Waiter {
  admit: () => void;
  timer: NodeJS.Timeout;
}

export function createGate(limit: number) {
  let active = 0;
  const queue: Waiter[] = [];
  return {
    /** Resolves true once admitted, false if `maxWaitMs` passed first. */
    enter(maxWaitMs: number): Promise<boolean> {
      if (active < limit) {
        active += 1;
        return Promise.resolve(true);
      }
      return new Promise((resolve) => {
        const waiter: Waiter = {
          admit: () => {
            clearTimeout(waiter.timer);
            resolve(true);
          },
          timer: setTimeout(() => {
            queue.splice(queue.indexOf(waiter), 1);
            resolve(false);
          }, maxWaitMs),
        };
        queue.push(waiter);
      });
    },
    leave(): void {
      const next = queue.shift();
      if (next) next.admit();
      else active -= 1;
    },
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    admitted: boolean;
  }
}

export const admissionPlugin = fp(async (app: FastifyInstance, options: AdmissionOptions) => {
  const gate = createGate(options.limit);
  app.decorateRequest('admitted', false);
  app.addHook('onRequest', async (request, reply) => {
    if (!options.applies(request)) return;
    if (!(await gate.enter(options.maxWaitMs))) {
      reply.header('retry-after', '2');
      throw commonErrors('TRY_AGAIN_SOON', { retryAfterSeconds: 2 });
    }
    request.admitted = true;
  });
  app.addHook('onResponse', async (request) => {
    if (request.admitted) gate.leave();
  });
  app.addHook('onRequestAbort', async (request) => {
    if (request.admitted) {
      request.admitted = false;
      gate.leave();
    }
  });
});
