import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { signPayload } from '../../test/fakes/stripe/index.ts';
import { runArrivals } from './arrivals.ts';
import { errorCodeOf, keepAliveAgent } from './http-client.ts';
import type { Delivery } from './webhook-events.ts';

export interface DeliveryResult {
  eventId: string;
  duplicate: boolean;
  /** Which server got it, by index. */
  server: number;
  /** HTTP status, or 0 when no answer came (transport error or client timeout). */
  status: number;
  /** `processed`, `already_processed`, the error code of a refusal, or the transport error. */
  answer: string;
  startedAt: number;
  finishedAt: number;
}

export interface WebhookTarget {
  urls: readonly string[];
  slug: string;
  webhookSecret: string;
  inFlight: number;
  timeoutMs: number;
}

interface Answer {
  status: number;
  text: string;
}

/** POSTs the exact signed bytes (the route verifies the raw body); rejects on transport errors. */
function postSigned(
  agent: http.Agent,
  url: string,
  payload: string,
  signature: string,
  timeoutMs: number,
): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    const request = http.request(url, {
      method: 'POST',
      agent,
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(payload),
        'stripe-signature': signature,
      },
    });
    const timer = setTimeout(
      () => request.destroy(new Error(`timeout after ${timeoutMs} ms`)),
      timeoutMs,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    request.once('error', fail);
    request.once('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.once('error', fail);
      response.once('end', () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    request.end(payload);
  });
}

function answerOf(status: number, text: string): string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `HTTP_${status}`;
  }
  if (status === 200 && typeof body === 'object' && body !== null && 'result' in body)
    return String(body.result);
  return errorCodeOf(body) ?? `HTTP_${status}`;
}

/**
 * Sends every delivery, at most `inFlight` at once, alternating between the servers. Each
 * delivery is signed when it is sent, as Stripe signs each attempt with the time of sending.
 * Each server has its own keep-alive pool of `inFlight` sockets.
 */
export async function sendDeliveries(
  target: WebhookTarget,
  deliveries: readonly Delivery[],
): Promise<DeliveryResult[]> {
  const agents = target.urls.map(() => keepAliveAgent(target.inFlight));
  try {
    const tasks = deliveries.map((delivery, index) => async (): Promise<DeliveryResult> => {
      const server = index % target.urls.length;
      const agent = agents[server];
      if (!agent) throw new Error('no server to deliver to');
      const url = `${target.urls[server] ?? ''}/webhooks/stripe/${target.slug}`;
      const { payload } = delivery.event;
      const signature = signPayload(payload, target.webhookSecret, Math.floor(Date.now() / 1000));
      const startedAt = performance.now();
      let status = 0;
      let answer: string;
      try {
        const response = await postSigned(agent, url, payload, signature, target.timeoutMs);
        status = response.status;
        answer = answerOf(response.status, response.text);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        answer = message.startsWith('timeout') ? 'client timeout' : `transport: ${message}`;
      }
      return {
        eventId: delivery.event.id,
        duplicate: delivery.duplicate,
        server,
        status,
        answer,
        startedAt,
        finishedAt: performance.now(),
      };
    });
    return await runArrivals(tasks, 'bounded', target.inFlight);
  } finally {
    for (const agent of agents) agent.destroy();
  }
}
