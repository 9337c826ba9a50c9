import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import type { FuzzWorld } from './fuzz-world.ts';
import { judge, requestOf, type Operation } from './openapi-fuzz.ts';

export interface FuzzRun {
  sent: number;
  byStatus: Map<number, number>;
  /** One example per route, principal and status that broke the contract (see `judge`). */
  failures: Map<string, string>;
}

/**
 * Sends about `requests` generated requests through `inject`. Every (route, principal) pair gets
 * the same share, so no route goes untested by chance; failures are grouped, so one run shows
 * every distinct defect (a shrunk first counterexample would hide the rest).
 */
export async function runFuzz(
  app: FastifyInstance,
  operations: readonly Operation[],
  world: FuzzWorld,
  options: { requests: number; seed: number },
): Promise<FuzzRun> {
  const pairs = operations.flatMap((operation) =>
    world.principals.map((principal) => ({ operation, principal })),
  );
  const perPair = Math.max(1, Math.ceil(options.requests / pairs.length));
  const run: FuzzRun = { sent: 0, byStatus: new Map(), failures: new Map() };
  for (const [index, { operation, principal }] of pairs.entries()) {
    const requests = fc.sample(requestOf(operation, world.pools, principal.headers), {
      numRuns: perPair,
      seed: options.seed + index,
    });
    for (const request of requests) {
      const response = await app.inject({
        method: request.method as 'GET',
        url: request.url,
        headers: request.headers,
        ...(request.payload !== undefined ? { payload: request.payload } : {}),
      });
      run.sent += 1;
      run.byStatus.set(response.statusCode, (run.byStatus.get(response.statusCode) ?? 0) + 1);
      const verdict = judge(request, response);
      const kind = `${response.statusCode} ${operation.method} ${operation.path} as ${principal.name}`;
      if (!verdict.ok && !run.failures.has(kind))
        run.failures.set(
          kind,
          `${request.url} ${request.payload?.slice(0, 200) ?? ''} -> ${verdict.why}`,
        );
    }
  }
  return run;
}
