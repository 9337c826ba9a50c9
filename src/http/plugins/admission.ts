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
  /** Which requests queue here, and with what priority; null passes straight through. */
  classify: (request: FastifyRequest) => Priority | null;
}

/**
 * A buyer at checkout is one step from done, so checkouts go ahead of cart changes: in a rush
 * the seats are sold sooner, and later cart additions fail fast on a sold-out product.
 */
export type Priority = 'high' | 'normal';

interface Waiter {
  admit: () => void;
  timer: NodeJS.Timeout;
}

export function createGate(limit: number) {
  let active = 0;
  const queues: Record<Priority, Waiter[]> = { high: [], normal: [] };
  return {
    /** Resolves true once admitted, false if `maxWaitMs` passed first. */
    enter(maxWaitMs: number, priority: Priority = 'normal'): Promise<boolean> {
      const queue = queues[priority];
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
      const next = queues.high.shift() ?? queues.normal.shift();
      if (next) next.admit();
      else active -= 1;
    },
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    admitted: boolean;
    /** The client went away while the request waited at the gate. */
    abandoned: boolean;
  }
}

export const admissionPlugin = fp(async (app: FastifyInstance, options: AdmissionOptions) => {
  const gate = createGate(options.limit);
  app.decorateRequest('admitted', false);
  app.decorateRequest('abandoned', false);
  app.addHook('onRequest', async (request, reply) => {
    const priority = options.classify(request);
    if (priority === null) return;
    if (!(await gate.enter(options.maxWaitMs, priority))) {
      reply.header('retry-after', '2');
      throw commonErrors('TRY_AGAIN_SOON', { retryAfterSeconds: 2 });
    }
    // A client that gave up while waiting gets no response, so no onResponse would ever give
    // its place back: every such request leaked one place until the gate stayed full.
    if (request.abandoned) {
      gate.leave();
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
    } else request.abandoned = true;
  });
});
