import type { FakeEvent } from '../types.ts';
import { postWebhook } from './post.ts';
import { signatureHeader, type SignatureMode } from './signature.ts';

export interface WebhookEndpoint {
  id: string;
  url: string;
  /** Event types sent to this endpoint; `*` and `payment_intent.*` patterns allowed. */
  enabledEvents: readonly string[];
  /** How deliveries to this endpoint are signed unless a delivery call says otherwise. */
  signature: SignatureMode;
}

/** One POST of one event to one endpoint. */
export interface DeliveryAttempt {
  accountId: string;
  eventId: string;
  type: string;
  endpointId: string;
  url: string;
  /** 1 for the first try of a delivery, 2 for its first retry, and so on. */
  attempt: number;
  status: number | null;
  ok: boolean;
  error: string | null;
  signature: SignatureMode;
  responseBody: string;
}

export type RetryTiming = 'immediately' | 'on-flush' | { afterMs: number };

/** `maxAttempts` counts the first try; 1 means a failure is not retried. */
export interface RetryPolicy {
  maxAttempts: number;
  retry?: RetryTiming;
}

export interface DeliveryJob {
  event: FakeEvent;
  endpoint: WebhookEndpoint;
  attempt: number;
  signature: SignatureMode | undefined;
}

/** What sending needs from the delivery that owns it. */
export interface Sender {
  accountId: string;
  webhookSecret: string;
  timeoutMs: number;
  policy(): RetryPolicy;
  /** Called after every attempt, successful or not. */
  record(job: DeliveryJob, attempt: DeliveryAttempt): void;
  /** A failed job whose next attempt waits for `flushRetries()` or a timer. */
  defer(job: DeliveryJob, timing: Exclude<RetryTiming, 'immediately'>): void;
}

export function assertRetryPolicy(policy: RetryPolicy): RetryPolicy {
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    throw new Error(`maxAttempts must be a positive integer, got ${policy.maxAttempts}`);
  }
  return policy;
}

async function attemptOnce(sender: Sender, job: DeliveryJob): Promise<DeliveryAttempt> {
  const payload = JSON.stringify(job.event, null, 2);
  const signature = job.signature ?? job.endpoint.signature;
  // Signed with the real wall clock: the SDK checks the timestamp against its own clock.
  const nowSeconds = Math.floor(Date.now() / 1000);
  const result = await postWebhook(
    job.endpoint.url,
    payload,
    {
      'Content-Type': 'application/json; charset=utf-8',
      'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
      'Stripe-Signature': signatureHeader(payload, sender.webhookSecret, signature, nowSeconds),
    },
    sender.timeoutMs,
  );
  const attempt: DeliveryAttempt = {
    accountId: sender.accountId,
    eventId: job.event.id,
    type: job.event.type,
    endpointId: job.endpoint.id,
    url: job.endpoint.url,
    attempt: job.attempt,
    status: result.status,
    ok: result.status !== null && result.status >= 200 && result.status < 300,
    error: result.error,
    signature,
    responseBody: result.responseBody,
  };
  sender.record(job, attempt);
  return attempt;
}

/** Sends one job, retrying non-2xx answers as the current policy says. */
export async function sendJob(sender: Sender, first: DeliveryJob): Promise<DeliveryAttempt[]> {
  const made: DeliveryAttempt[] = [];
  let job = first;
  for (;;) {
    const attempt = await attemptOnce(sender, job);
    made.push(attempt);
    const policy = sender.policy();
    if (attempt.ok || job.attempt >= policy.maxAttempts) return made;
    const next = { ...job, attempt: job.attempt + 1 };
    const timing = policy.retry ?? 'immediately';
    if (timing !== 'immediately') {
      sender.defer(next, timing);
      return made;
    }
    job = next;
  }
}

export async function sendJobs(
  sender: Sender,
  jobs: DeliveryJob[],
  concurrently: boolean,
): Promise<DeliveryAttempt[]> {
  if (concurrently) return (await Promise.all(jobs.map((job) => sendJob(sender, job)))).flat();
  const made: DeliveryAttempt[] = [];
  for (const job of jobs) made.push(...(await sendJob(sender, job)));
  return made;
}
