import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import type { FuzzWorld } from './fuzz-world.ts';
import { requestOf, type FuzzRequest, type Operation } from './openapi-fuzz.ts';

/** What a stack trace or an internal path looks like in a body. */
const LEAK = /\bat \S+ \(|node_modules|\/src\/\S+\.ts|Failed query|SQLSTATE/;

export interface Verdict {
  ok: boolean;
  why: string;
}

/** The contract every answer keeps: no 5xx, the one error shape on 4xx, nothing internal leaked. */
export function judge(
  request: FuzzRequest,
  response: { statusCode: number; body: string; headers: Record<string, unknown> },
): Verdict {
  const { statusCode, body } = response;
  if (statusCode >= 500) return { ok: false, why: `${statusCode} ${body.slice(0, 300)}` };
  if (LEAK.test(body)) return { ok: false, why: `leaks internals: ${body.slice(0, 300)}` };
  const json = String(response.headers['content-type'] ?? '').startsWith('application/json');
  if (statusCode >= 400 && json) {
    const parsed = JSON.parse(body) as { error?: { code?: unknown; message?: unknown } };
    if (typeof parsed.error?.code !== 'string' || typeof parsed.error.message !== 'string')
      return { ok: false, why: `error without code and message: ${body.slice(0, 300)}` };
  }
  if (statusCode >= 400 && !json && request.url.startsWith('/api/'))
    return {
      ok: false,
      why: `API error that is not JSON: ${String(response.headers['content-type'])}`,
    };
  return { ok: true, why: '' };
}

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
