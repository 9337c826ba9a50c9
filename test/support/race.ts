import type { FastifyInstance } from 'fastify';
import type { Buyer } from './buyers.ts';

export interface FlowResult {
  status: number;
  code: string | null;
}

async function post(
  base: string,
  path: string,
  cookie: string,
  body: object,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, ...headers },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { error?: { code?: string } };
  return { status: response.status, code: json.error?.code ?? null };
}

/** One buyer's whole purchase over real HTTP: add to cart, then check out. */
export async function buyOverHttp(
  baseUrl: string,
  slug: string,
  buyer: Buyer,
  item: { ticketTypeId: string; quantity?: number },
  extra: { voucher?: string } = {},
): Promise<FlowResult> {
  const prefix = `/api/v1/conferences/${slug}`;
  if (extra.voucher) {
    const response = await fetch(`${baseUrl}${prefix}/cart/voucher`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie: buyer.cookie },
      body: JSON.stringify({ code: extra.voucher }),
    });
    if (response.status !== 200) {
      const json = (await response.json()) as { error?: { code?: string } };
      return { status: response.status, code: json.error?.code ?? null };
    }
  }
  const added = await retryWhileBusy(() =>
    post(baseUrl, `${prefix}/cart/items`, buyer.cookie, { quantity: 1, ...item }),
  );
  if (added.status !== 200) return added;
  const idempotencyKey = `race-${buyer.id}-${Math.random().toString(36).slice(2)}`;
  const checkout = { billingName: 'Racer', billingEmail: 'racer@example.org' };
  return retryWhileBusy(() =>
    post(baseUrl, `${prefix}/checkout`, buyer.cookie, checkout, {
      'idempotency-key': idempotencyKey,
    }),
  );
}

/** BUSY (a bounded lock wait ran out) and TRY_AGAIN_SOON (the queue was full) tell the client to try again, so a real client does. */
const RETRYABLE = new Set(['BUSY', 'TRY_AGAIN_SOON']);

async function retryWhileBusy(
  attempt: () => Promise<FlowResult>,
  attempts = 5,
): Promise<FlowResult> {
  let result = await attempt();
  for (let i = 1; i < attempts && RETRYABLE.has(result.code ?? ''); i += 1)
    result = await attempt();
  return result;
}

export async function listen(app: FastifyInstance): Promise<string> {
  return app.listen({ host: '127.0.0.1', port: 0 });
}

export function tally(results: readonly FlowResult[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of results) {
    const key = r.status === 201 ? 'placed' : `${r.status} ${r.code ?? ''}`.trim();
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
