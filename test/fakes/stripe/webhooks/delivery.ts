import { eventTypeMatches } from '../events/record.ts';
import { newId } from '../ids.ts';
import type { EventSink } from '../store.ts';
import type { FakeEvent } from '../types.ts';
import {
  assertRetryPolicy,
  sendJobs,
  type DeliveryAttempt,
  type DeliveryJob,
  type RetryPolicy,
  type Sender,
  type WebhookEndpoint,
} from './attempts.ts';
import type { InFlightTracker } from './in-flight.ts';
import type { SignatureMode } from './signature.ts';

export type { DeliveryAttempt, RetryPolicy, RetryTiming, WebhookEndpoint } from './attempts.ts';

export interface EndpointOptions {
  enabledEvents?: string[];
  signature?: SignatureMode;
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

/** Webhook endpoints of one account and everything about getting events to them. */
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

function orderEvents(events: FakeEvent[], order: EventOrder): FakeEvent[] {
  if (order === 'as-created') return events;
  if (order === 'reversed') return [...events].reverse();
  return [...events].sort(order);
}

export function createWebhookDelivery(options: WebhookDeliveryOptions): WebhookDelivery {
  const { tracker } = options;
  let endpoints: WebhookEndpoint[] = [];
  let holding = options.held ?? false;
  let heldEvents: FakeEvent[] = [];
  let policy = assertRetryPolicy(options.retryPolicy ?? { maxAttempts: 1 });
  let retryQueue: DeliveryJob[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const succeeded = new Set<string>();
  const attempts: DeliveryAttempt[] = [];
  // Automatic deliveries go out one at a time in creation order: no disorder unless asked for.
  let chain: Promise<unknown> = Promise.resolve();

  const sender: Sender = {
    accountId: options.accountId,
    webhookSecret: options.webhookSecret,
    timeoutMs: options.timeoutMs ?? 10_000,
    policy: () => policy,
    record(job, attempt) {
      const key = `${job.event.id} ${job.endpoint.id}`;
      if (attempt.ok && !succeeded.has(key)) {
        succeeded.add(key);
        job.event.pending_webhooks = Math.max(0, job.event.pending_webhooks - 1);
      }
      attempts.push(attempt);
      options.onAttempt?.(attempt);
    },
    defer(job, timing) {
      if (timing === 'on-flush') {
        retryQueue.push(job);
        return;
      }
      const timer = setTimeout(() => {
        timers.delete(timer);
        void tracker.track(sendJobs(sender, [job], false));
      }, timing.afterMs);
      timer.unref();
      timers.add(timer);
    },
  };

  const subscribers = (type: string) =>
    endpoints.filter((endpoint) => endpoint.enabledEvents.some((p) => eventTypeMatches(p, type)));

  const jobsFor = (events: FakeEvent[], copies: number, signature?: SignatureMode) =>
    events.flatMap((event) =>
      subscribers(event.type).flatMap((endpoint) =>
        Array.from({ length: copies }, (): DeliveryJob => ({
          event,
          endpoint,
          attempt: 1,
          signature,
        })),
      ),
    );

  function sendInOrder(jobs: DeliveryJob[]): Promise<DeliveryAttempt[]> {
    const next = chain.then(() => sendJobs(sender, jobs, false));
    chain = next.catch(() => undefined);
    return tracker.track(next);
  }

  return {
    subscriberCount: (type) => subscribers(type).length,
    publish(event) {
      if (holding) heldEvents.push(event);
      else void sendInOrder(jobsFor([event], 1)).catch(() => undefined);
    },
    addEndpoint(url, endpointOptions = {}) {
      new URL(url); // refuse a malformed URL now rather than at the first delivery
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
      return sendInOrder(jobsFor(queued, 1));
    },
    held: () => [...heldEvents],
    deliver(deliverOptions = {}) {
      const accept = deliverOptions.only ?? (() => true);
      const chosen = heldEvents.filter((event) => accept(event));
      heldEvents = heldEvents.filter((event) => !accept(event));
      const ordered = orderEvents(chosen, deliverOptions.order ?? 'as-created');
      const jobs = jobsFor(ordered, 1 + (deliverOptions.duplicates ?? 0), deliverOptions.signature);
      return tracker.track(sendJobs(sender, jobs, deliverOptions.concurrently ?? false));
    },
    redeliver(event, redeliverOptions = {}) {
      const jobs = jobsFor([event], redeliverOptions.times ?? 1, redeliverOptions.signature);
      return tracker.track(sendJobs(sender, jobs, redeliverOptions.concurrently ?? false));
    },
    setRetryPolicy(next) {
      policy = assertRetryPolicy(next);
    },
    flushRetries() {
      const due = retryQueue;
      retryQueue = [];
      return tracker.track(sendJobs(sender, due, false));
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
