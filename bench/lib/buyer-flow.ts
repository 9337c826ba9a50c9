import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { performance } from 'node:perf_hooks';
import { errorCodeOf, postJson, type JsonResponse } from './http-client.ts';

export type Step = 'add' | 'checkout';

export type BuyerOutcome =
  | { kind: 'placed' }
  /** A 4xx (or 503) with an error code: the shop said no, which is a valid answer in a rush. */
  | { kind: 'refused'; step: Step; status: number; code: string }
  /** Transport error, timeout or 5xx: the shop did not answer properly. */
  | { kind: 'failed'; step: Step; reason: string };

export interface BuyerResult {
  outcome: BuyerOutcome;
  /** performance.now() when the buyer sent the add-to-cart request. */
  startedAt: number;
  finishedAt: number;
  addMs: number;
  /** null when the buyer never reached checkout. */
  checkoutMs: number | null;
}

export interface ShopTarget {
  baseUrl: string;
  agent: http.Agent;
  slug: string;
  timeoutMs: number;
}

export interface RushBuyer {
  cookie: string;
}

type StepAnswer = { ok: true } | { ok: false; outcome: BuyerOutcome };

function judge(step: Step, answer: JsonResponse | Error): StepAnswer {
  if (answer instanceof Error)
    return { ok: false, outcome: { kind: 'failed', step, reason: answer.message } };
  const { status } = answer;
  if (status >= 200 && status < 300) return { ok: true };
  if (status >= 500 && status !== 503)
    return { ok: false, outcome: { kind: 'failed', step, reason: `HTTP ${status}` } };
  const code = errorCodeOf(answer.body) ?? `HTTP_${status}`;
  return { ok: false, outcome: { kind: 'refused', step, status, code } };
}

async function send(
  target: ShopTarget,
  path: string,
  buyer: RushBuyer,
  body: object,
  headers: Record<string, string> = {},
): Promise<JsonResponse | Error> {
  try {
    return await postJson({
      agent: target.agent,
      url: `${target.baseUrl}/api/v1/conferences/${target.slug}${path}`,
      body,
      headers: { cookie: buyer.cookie, ...headers },
      timeoutMs: target.timeoutMs,
    });
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** One buyer of the rush: add one ticket, then check out with an idempotency key. */
export async function buyOneTicket(
  target: ShopTarget,
  buyer: RushBuyer,
  ticketTypeId: string,
): Promise<BuyerResult> {
  const startedAt = performance.now();
  const added = judge(
    'add',
    await send(target, '/cart/items', buyer, { ticketTypeId, quantity: 1 }),
  );
  const addedAt = performance.now();
  const addMs = addedAt - startedAt;
  if (!added.ok)
    return { outcome: added.outcome, startedAt, finishedAt: addedAt, addMs, checkoutMs: null };
  const placed = judge(
    'checkout',
    await send(
      target,
      '/checkout',
      buyer,
      { billingName: 'Rush Buyer', billingEmail: 'rush@example.org' },
      { 'idempotency-key': randomUUID() },
    ),
  );
  const finishedAt = performance.now();
  return {
    outcome: placed.ok ? { kind: 'placed' } : placed.outcome,
    startedAt,
    finishedAt,
    addMs,
    checkoutMs: finishedAt - addedAt,
  };
}
