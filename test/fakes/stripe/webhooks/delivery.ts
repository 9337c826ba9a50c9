import { eventTypeMatches } from '../events/record.ts';
import { newId } from '../ids.ts';
import type { EventSink } from '../store.ts';
import type { FakeEvent } from '../types.ts';
import type { InFlightTracker } from './in-flight.ts';
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

export interface EndpointOptions {
  enabledEvents?: string[];
  signature?: SignatureMode;
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

export type EventOrder = 'as-created' | 'reversed' | ((a: FakeEvent, b: FakeEvent) => number);

export interface DeliverOptions {
  order?: EventOrder;
  /** Extra copies of each event, sent right after it: 1 means every event arrives twice. */
  duplicates?: number;
  /** Send everything at once instead of one after another. */
  concurrently?: boolean;
  signature?: SignatureMode;
  /** Deliver only the held events this accepts; the rest stay held. */
  only?: (event: FakeEvent) => boolean;
}

export interface RedeliverOptions {
  times?: number;
  concurrently?: boolean;
  signature?: SignatureMode;
}

export interface PendingRetry {
  eventId: string;
  type: string;
  url: string;
  attempt: number;
}

export interface WebhookDelivery extends EventSink {
  addEndpoint(url: string, options?: EndpointOptions): WebhookEndpoint;
  removeEndpoint(id: string): void;
  endpoints(): WebhookEndpoint[];
  hold(): void;
  resume(): Promise<DeliveryAttempt[]>;
  held(): FakeEvent[];
  deliver(options?: DeliverOptions): Promise<DeliveryAttempt[]>;
  redeliver(event: FakeEvent, options?: RedeliverOptions): Promise<DeliveryAttempt[]>;
  setRetryPolicy(policy: RetryPolicy): void;
  flushRetries(): Promise<DeliveryAttempt[]>;
  pendingRetries(): PendingRetry[];
  attempts(): DeliveryAttempt[];
  stop(): void;
}

export interface WebhookDeliveryOptions {
  accountId: string;
  webhookSecret: string;
  tracker: InFlightTracker;
  held?: boolean;
  retryPolicy?: RetryPolicy;
  timeoutMs?: number;
  onAttempt?: (attempt: DeliveryAttempt) => void;
}

interface Job {
  event: FakeEvent;
  endpoint: WebhookEndpoint;
  attempt: number;
  signature: SignatureMode | undefined;
}

function orderEvents(events: FakeEvent[], order: EventOrder): FakeEvent[] {
  if (order === 'as-created') return events;
  if (order === 'reversed') return [...events].reverse();
  return [...events].sort(order);
}

function assertPolicy(policy: RetryPolicy): RetryPolicy {
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    throw new Error(`maxAttempts must be a positive integer, got ${policy.maxAttempts}`);
  }
  return policy;
}

export function createWebhookDelivery(options: WebhookDeliveryOptions): WebhookDelivery {
  const { tracker } = options;
  const timeoutMs = options.timeoutMs ?? 10_000;
  let endpoints: WebhookEndpoint[] = [];
  let holding = options.held ?? false;
  let heldEvents: FakeEvent[] = [];
  let policy = assertPolicy(options.retryPolicy ?? { maxAttempts: 1 });
  let retryQueue: Job[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const delivered = new Set<string>();
  const attempts: DeliveryAttempt[] = [];
  // Automatic deliveries go out one at a time, in creation order, so a test that does not
  // ask for disorder gets none.
  let chain: Promise<unknown> = Promise.resolve();

  const subscribers = (type: string) =>
    endpoints.filter((endpoint) => endpoint.enabledEvents.some((p) => eventTypeMatches(p, type)));

  function jobsFor(events: FakeEvent[], copies: number, signature?: SignatureMode): Job[] {
    return events.flatMap((event) =>
      subscribers(event.type).flatMap((endpoint) =>
        Array.from({ length: copies }, () => ({ event, endpoint, attempt: 1, signature })),
      ),
    );
  }

  async function attemptOnce(job: Job): Promise<DeliveryAttempt> {
    const payload = JSON.stringify(job.event, null, 2);
    const signature = job.signature ?? job.endpoint.signature;
    // Signed with the real wall clock: the SDK checks the timestamp against its own clock.
    const header = signatureHeader(
      payload,
      options.webhookSecret,
      signature,
      Math.floor(Date.now() / 1000),
    );
    const result = await postWebhook(
      job.endpoint.url,
      payload,
      {
        'Content-Type': 'application/json; charset=utf-8',
        'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
        'Stripe-Signature': header,
      },
      timeoutMs,
    );
    const ok = result.status !== null && result.status >= 200 && result.status < 300;
    const key = `${job.event.id} ${job.endpoint.id}`;
    if (ok && !delivered.has(key)) {
      delivered.add(key);
      job.event.pending_webhooks = Math.max(0, job.event.pending_webhooks - 1);
    }
    const attempt: DeliveryAttempt = {
      accountId: options.accountId,
      eventId: job.event.id,
      type: job.event.type,
      endpointId: job.endpoint.id,
      url: job.endpoint.url,
      attempt: job.attempt,
      status: result.status,
      ok,
      error: result.error,
      signature,
      responseBody: result.responseBody,
    };
    attempts.push(attempt);
    options.onAttempt?.(attempt);
    return attempt;
  }

  function scheduleRetry(job: Job, afterMs: number): void {
    const timer = setTimeout(() => {
      timers.delete(timer);
      void tracker.track(runJob(job));
    }, afterMs);
    timer.unref();
    timers.add(timer);
  }

  async function runJob(first: Job): Promise<DeliveryAttempt[]> {
    const made: DeliveryAttempt[] = [];
    let job = first;
    for (;;) {
      const attempt = await attemptOnce(job);
      made.push(attempt);
      if (attempt.ok || job.attempt >= policy.maxAttempts) return made;
      const next = { ...job, attempt: job.attempt + 1 };
      const timing = policy.retry ?? 'immediately';
      if (timing === 'immediately') {
        job = next;
        continue;
      }
      if (timing === 'on-flush') retryQueue.push(next);
      else scheduleRetry(next, timing.afterMs);
      return made;
    }
  }

  async function runJobs(jobs: Job[], concurrently: boolean): Promise<DeliveryAttempt[]> {
    if (concurrently) return (await Promise.all(jobs.map(runJob))).flat();
    const made: DeliveryAttempt[] = [];
    for (const job of jobs) made.push(...(await runJob(job)));
    return made;
  }

  function enqueueInOrder(jobs: Job[]): Promise<DeliveryAttempt[]> {
    const next = chain.then(() => runJobs(jobs, false));
    chain = next.catch(() => undefined);
    return tracker.track(next);
  }

  return {
    subscriberCount: (type) => subscribers(type).length,
    publish(event) {
      if (holding) {
        heldEvents.push(event);
        return;
      }
      const jobs = jobsFor([event], 1);
      if (jobs.length > 0) void enqueueInOrder(jobs).catch(() => undefined);
    },
    addEndpoint(url, endpointOptions = {}) {
      new URL(url);
      const endpoint: WebhookEndpoint = {
        id: newId('we'),
        url,
        enabledEvents: endpointOptions.enabledEvents ?? ['*'],
        signature: endpointOptions.signature ?? 'valid',
      };
      endpoints = [...endpoints, endpoint];
      return { ...endpoint };
    },
    removeEndpoint(id) {
      endpoints = endpoints.filter((endpoint) => endpoint.id !== id);
    },
    endpoints: () => endpoints.map((endpoint) => ({ ...endpoint })),
    hold() {
      holding = true;
    },
    resume() {
      holding = false;
      const queued = heldEvents;
      heldEvents = [];
      return enqueueInOrder(jobsFor(queued, 1));
    },
    held: () => [...heldEvents],
    deliver(deliverOptions = {}) {
      const accept = deliverOptions.only ?? (() => true);
      const chosen = heldEvents.filter((event) => accept(event));
      heldEvents = heldEvents.filter((event) => !accept(event));
      const ordered = orderEvents(chosen, deliverOptions.order ?? 'as-created');
      const copies = 1 + (deliverOptions.duplicates ?? 0);
      const jobs = jobsFor(ordered, copies, deliverOptions.signature);
      return tracker.track(runJobs(jobs, deliverOptions.concurrently ?? false));
    },
    redeliver(event, redeliverOptions = {}) {
      const jobs = jobsFor([event], redeliverOptions.times ?? 1, redeliverOptions.signature);
      return tracker.track(runJobs(jobs, redeliverOptions.concurrently ?? false));
    },
    setRetryPolicy(next) {
      policy = assertPolicy(next);
    },
    flushRetries() {
      const due = retryQueue;
      retryQueue = [];
      return tracker.track(runJobs(due, false));
    },
    pendingRetries: () =>
      retryQueue.map((job) => ({
        eventId: job.event.id,
        type: job.event.type,
        url: job.endpoint.url,
        attempt: job.attempt,
      })),
    attempts: () => attempts.map((attempt) => ({ ...attempt })),
    stop() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
